using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using SecureAccess.Common;
using SecureAccess.Gateway.Problems;

namespace SecureAccess.Gateway.Hosting;

/// Faults become problem details too: a body that is not JSON of the right shape is a 400 naming the
/// field; a cluster that cannot be reached is a 503; anything else a 500 without internals.
public static partial class ExceptionMapping
{
    public static void UseProblemExceptions(this WebApplication app) =>
        app.UseExceptionHandler(handler => handler.Run(async http =>
        {
            var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
            var result = error switch
            {
                BadHttpRequestException bad => BadRequest(bad),
                SecureAccess.Throttling.HashingOverloadedException busy => Failure.Overloaded(busy.RetryAfter).ToProblem(), // issue 11: shed, nothing judged
                _ when IsClusterUnavailable(error) => new ProblemResult(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable,
                    "The service is briefly unavailable; retry shortly."),
                _ => new ProblemResult(StatusCodes.Status500InternalServerError, "internal_error", "Something went wrong on our side."),
            };
            if (result.Status >= 500 && error is not null and not SecureAccess.Throttling.HashingOverloadedException)
                LogFault(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("SecureAccess.Gateway"), error.GetType().Name, http.Request.Path);
            http.Response.StatusCode = result.Status;
            if (result.Status == StatusCodes.Status503ServiceUnavailable && error is not SecureAccess.Throttling.HashingOverloadedException) http.Response.Headers.RetryAfter = "2";
            await result.ExecuteAsync(http);
        }));

    /// Statuses the framework answers by itself get problem details too; an unreadable body is a 400
    /// `invalid_request` like any other malformed input (API.md), not a bare 415.
    public static void UseProblemStatusCodes(this WebApplication app) =>
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            ProblemResult result = http.Response.StatusCode switch
            {
                StatusCodes.Status415UnsupportedMediaType => ProblemResult.InvalidRequest("body", "Send a JSON body with Content-Type: application/json."),
                StatusCodes.Status404NotFound => new(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No such resource."),
                StatusCodes.Status413PayloadTooLarge => HttpHardening.TooLarge(null),
                StatusCodes.Status405MethodNotAllowed => new(StatusCodes.Status405MethodNotAllowed, ErrorCodes.InvalidRequest, "That method is not allowed here."),
                var other => new(other, other >= 500 ? ErrorCodes.ServiceUnavailable : ErrorCodes.InvalidRequest, "The request was not handled."),
            };
            http.Response.StatusCode = result.Status;
            await result.ExecuteAsync(http);
        });

    private static ProblemResult BadRequest(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge) return HttpHardening.TooLarge(null);
        if (FindJsonError(bad) is { } json)
        {
            var field = JsonPathToField(json.Path);
            return ProblemResult.InvalidRequest(field, "Not valid JSON of the expected shape.");
        }
        return ProblemResult.InvalidRequest("body", bad.StatusCode == StatusCodes.Status415UnsupportedMediaType
            ? "Send a JSON body with Content-Type: application/json."
            : "The request body or parameters could not be read.");
    }

    private static JsonException? FindJsonError(Exception? e)
    {
        for (; e is not null; e = e.InnerException) if (e is JsonException j) return j;
        return null;
    }

    /// "$.address.zip" → "address.zip"; "$" → "body".
    private static string JsonPathToField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "body";
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? "body" : field;
    }

    private static bool IsClusterUnavailable(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is OrleansException or TimeoutException || ClusterFaults.IsUnreachable(e)) return true;
            if (e.GetType().Namespace?.StartsWith("Npgsql", StringComparison.Ordinal) == true) return true;
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request to {Path} failed with {ExceptionType}")]
    private static partial void LogFault(ILogger logger, string exceptionType, string path);
}
