using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace SecureAccess.Testing;

/// Issue 12: writes down the (method, route, status) of every answer a test host gives to an operation
/// of the OpenAPI document, one line each the first time it is seen, to the file named by
/// `SA_OBSERVED_STATUSES` (test.sh sets it). scripts/status-coverage.sh then checks that the document
/// documents every status the tests saw. Registered only by the test factory (ApiFactory).
public sealed class StatusLedger : IStartupFilter
{
    public const string Variable = "SA_OBSERVED_STATUSES";
    private static readonly HashSet<string> Seen = [];
    private static readonly Lock Gate = new();

    public static string? File => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? path : null;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, nextMiddleware) =>
        {
            try { await nextMiddleware(http); }
            finally
            {
                // The exception handler clears the endpoint before it answers; its feature keeps it.
                var endpoint = http.GetEndpoint() ?? http.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
                if (endpoint is RouteEndpoint route && Documented(route))
                    Record($"{http.Request.Method}\t{PathOf(route.RoutePattern)}\t{http.Response.StatusCode}");
            }
        });
        next(app);
    };

    /// The endpoints the OpenAPI document describes: route handlers not excluded from it.
    private static bool Documented(RouteEndpoint route) =>
        route.Metadata.GetMetadata<MethodInfo>() is not null
        && route.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true };

    /// `/api/v1/registrations/{id:guid}/email/confirm` → `/api/v1/registrations/{id}/email/confirm`, as the document spells it.
    public static string PathOf(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));

    private static void Record(string line)
    {
        if (File is not { } path) return;
        lock (Gate)
        {
            if (!Seen.Add(line)) return;
            // Several test processes may append at once: shared write, one short line per call.
            using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            using var writer = new StreamWriter(stream);
            writer.WriteLine(line);
        }
    }
}
