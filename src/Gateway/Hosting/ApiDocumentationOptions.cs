namespace SecureAccess.Gateway.Hosting;

/// Issue 12: `/openapi/v1.json` and the `/docs` page. On by default in every environment (client
/// apps generate their code from the document); an operator may hide both (docs/operations.md).
public sealed class ApiDocumentationOptions
{
    public const string Section = "Api:Documentation";

    public bool Enabled { get; set; } = true;
}
