namespace SecureAccess.Client;

/// The OpenAPI document this client was generated from, embedded at build time: a client app (or a
/// test) can tell which contract it speaks, and compare it with what a gateway serves.
public static class ContractDocument
{
    public const string ResourceName = "SecureAccess.Client.openapi.json";

    public static Stream Open() =>
        typeof(ContractDocument).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"{ResourceName} is not embedded: the client was built without its document.");
}
