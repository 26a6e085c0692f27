using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace SecureAccess.Gateway.Hosting;

/// The OpenAPI document (issue 12): each operation's success statuses and schemas come from its typed
/// results; ContractTransformers adds its problem responses, security and request examples.
public static class ApiDocumentation
{
    public const string DocumentPath = "/openapi/{documentName}.json";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Secure Access API";
                document.Info.Version = "v1";
                document.Info.Description = "Two-factor sign-in for e-Services. Errors are RFC 9457 problem details with a `code` (see API.md).";
                return Task.CompletedTask;
            });
            o.AddDocumentTransformer<ContractDocumentTransformer>();
            o.AddOperationTransformer<ContractOperationTransformer>();
        });

    /// Mapped only when `Api:Documentation:Enabled` (default true); otherwise both paths are 404 like any unknown path.
    public static bool MapApiDocumentation(this WebApplication app)
    {
        var options = app.Configuration.GetSection(ApiDocumentationOptions.Section).Get<ApiDocumentationOptions>() ?? new ApiDocumentationOptions();
        if (!options.Enabled) return false;
        app.MapOpenApi(DocumentPath);
        // The docs page loads its document relative to /docs/, so it is served there too.
        app.MapOpenApi("/docs/openapi/{documentName}.json").ExcludeFromDescription();
        app.MapScalarApiReference("/docs", o => o.WithTitle("Secure Access API"));
        return true;
    }
}
