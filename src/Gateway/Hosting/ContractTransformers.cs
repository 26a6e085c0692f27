using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SecureAccess.Common;
using SecureAccess.Gateway.Operators;
using SecureAccess.Gateway.Problems;
using SecureAccess.Gateway.Requests;
using SecureAccess.Gateway.Tokens;

namespace SecureAccess.Gateway.Hosting;

/// Names shared by the two transformers.
internal static class Contract
{
    public const string ProblemSchema = "ProblemDetails";
    public const string ProblemJson = "application/problem+json";
    public const string BearerScheme = "bearer";
    public const string OperatorKeyScheme = "operatorKey";

    /// Statuses whose answer carries `Retry-After` (API.md: 423, 429, 503).
    public static readonly HashSet<int> RetryAfterStatuses =
        [StatusCodes.Status423Locked, StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable];
}

/// The problem-details schema (its `code` an enum of API.md's codes) and the two security schemes.
internal sealed class ContractDocumentTransformer : IOpenApiDocumentTransformer
{
    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        await ImportRecords(document, context, cancellationToken);
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[Contract.ProblemSchema] = ProblemDetailsSchema();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Contract.BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The accessToken of POST /api/v1/sessions/{challengeId}/verify (ES256; keys at /.well-known/jwks.json).",
        };
        document.Components.SecuritySchemes[Contract.OperatorKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = OperatorAuthentication.Header,
            Description = "An operator key from configuration; its roles (operator, assistor) decide what it may call.",
        };
        foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
        document.Tags = new HashSet<OpenApiTag>(TagDescriptions.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
    }

    /// `accounts` of the import is read record by record (a bad one is rejected, the others kept), so its
    /// C# type is raw JSON; the document still names the shape each record should have (fixtures/README.md).
    private static async Task ImportRecords(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        const string itemSchema = "ExistingAccountBody";
        if (document.Components?.Schemas?.TryGetValue(nameof(ImportRequest), out var import) != true
            || import is not OpenApiSchema { Properties: { } properties } || !properties.TryGetValue("accounts", out var accounts)
            || accounts is not OpenApiSchema array) return;
        document.Components.Schemas[itemSchema] = await context.GetOrCreateSchemaAsync(typeof(ExistingAccountBody), null, cancellationToken);
        array.Items = new OpenApiSchemaReference(itemSchema, document);
    }

    /// One line per group of operations (the endpoints' `WithTags`).
    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Registration"] = "Anonymous, step by step; every answer names the next `step` (SA-1 to SA-8).",
        ["Signing in"] = "Password, then the second factor, then a bearer token (SA-9, SA-10).",
        ["Account"] = "The signed-in user's account and products (bearer token).",
        ["Recovery"] = "Forgotten username or password; answers never tell whether an account exists (SA-13, SA-14).",
        ["Operators"] = "Import, letters, audit trail, products, client authorizations and signing keys (X-Operator-Key, role operator).",
        ["Help desk"] = "The user view, the exception process and in-person verification (X-Operator-Key, role assistor).",
        ["Tokens"] = "The keys that verify access tokens.",
        ["Development"] = "Only in the Development environment with the outbox provider.",
        ["Health"] = "Probes for orchestrators and load balancers.",
    };

    private static OpenApiSchema ProblemDetailsSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details with API.md's `code`.",
        Required = new HashSet<string> { "type", "title", "status", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri", Description = ProblemResult.TypeBase + "{code}" },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "For people; never parse it." },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["code"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "What went wrong, for programs (API.md's table; codes may be added, never renamed).",
                Enum = [.. ErrorCodes.All.Select(c => (JsonNode)JsonValue.Create(c))],
            },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "With `invalid_request` (and field-level refusals): the offending fields, each with its messages.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            ["lockedUntil"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Format = "date-time",
                Description = "With `account_locked`: when the lock ends (SA-10).",
            },
        },
    };
}

/// Per operation: every problem response its metadata and the pipeline allow, the security it needs,
/// and an example request body.
internal sealed class ContractOperationTransformer : IOpenApiOperationTransformer
{
    /// Any operation may be shed (503), fail (500), or meet the per-gateway flood limit (429, issue 11).
    private static readonly string[] Everywhere = [ErrorCodes.TooManyRequests, ErrorCodes.InternalError, ErrorCodes.ServiceUnavailable];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var document = context.Document!;
        var health = context.Description.RelativePath?.StartsWith("health", StringComparison.Ordinal) == true;
        var hasBody = context.Description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body);

        Security(operation, metadata, document);
        if (hasBody) Example(operation, context.Description);

        var codes = metadata.OfType<ProblemCodesMetadata>().SelectMany(m => m.Codes)
            .Concat(health ? [ErrorCodes.InternalError] : Everywhere)
            .Concat(hasBody ? [ErrorCodes.InvalidRequest] : [])
            .Distinct().ToList();
        operation.Responses ??= new OpenApiResponses();
        foreach (var byStatus in codes.GroupBy(OutcomeMapping.StatusOf).OrderBy(g => g.Key))
            operation.Responses[byStatus.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] =
                Problem(document, byStatus.Key, string.Join(", ", byStatus.Select(c => $"`{c}`")));
        // The gateway's body limit (issue 10) is checked on every request, body or not: a 413 with code `invalid_request`.
        operation.Responses["413"] = Problem(document, StatusCodes.Status413PayloadTooLarge, "`invalid_request`: the request body is too large");
        return Task.CompletedTask;
    }

    private static OpenApiResponse Problem(OpenApiDocument document, int status, string codes)
    {
        var response = new OpenApiResponse
        {
            Description = $"{ReasonPhrase(status)}: {codes}.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [Contract.ProblemJson] = new() { Schema = new OpenApiSchemaReference(Contract.ProblemSchema, document) },
            },
        };
        if (Contract.RetryAfterStatuses.Contains(status))
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = status == StatusCodes.Status423Locked ? "Seconds until the lock ends (as `lockedUntil`)." : "Seconds to wait before trying again.",
                    Required = true,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                },
            };
        return response;
    }

    private static void Security(OpenApiOperation operation, IList<object> metadata, OpenApiDocument document)
    {
        // Anonymous operations say so (an empty requirement), so a generator never guesses.
        operation.Security = [new OpenApiSecurityRequirement()];
        if (metadata.OfType<SessionRequiredMetadata>().Any())
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Contract.BearerScheme, document)] = [] }];
        if (metadata.OfType<OperatorRequirement>().LastOrDefault() is { } requirement)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Contract.OperatorKeyScheme, document)] = [] }];
            operation.Description = $"Needs an `{OperatorAuthentication.Header}` with the `{requirement.Role}` role.";
        }
    }

    private static void Example(OpenApiOperation operation, ApiDescription description)
    {
        var body = description.ParameterDescriptions.First(p => p.Source == BindingSource.Body);
        if (RequestExamples.For(body.Type) is not { } example || operation.RequestBody?.Content is not { } content) return;
        foreach (var media in content.Values) media.Example = example.DeepClone();
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}

