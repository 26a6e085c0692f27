using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using SecureAccess.Common;
using SecureAccess.Gateway.Problems;

namespace SecureAccess.Gateway.Hosting;

/// Faults become problem details too: a body that is not JSON of the right shape is a 400 naming the
/// field; a cluster that cannot be reached is a 503; anything else a 500 without internals.
/// Logs are for what an operator must act on (issue 13): a client's malformed request is logged at
/// Debug in one line, without a stack trace, so bad input cannot flood the error log and page anyone;
/// a 503 is a Warning; only a 500 stays an Error, with the framework's stack trace.
/// JSON console logs: `Logging:Console:FormatterName=json` (docs/operations.md).
public static partial class ExceptionMapping
{
    public static void UseProblemExceptions(this WebApplication app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = Handle,
            // The middleware's own "unhandled exception" entry (Error, with stack trace) is kept for 500s only:
            // a 4xx is the client's mistake, a 503 a transient the Warning above reports in one line.
            SuppressDiagnosticsCallback = context => context.HttpContext.Response.StatusCode != StatusCodes.Status500InternalServerError,
        });

    private static async Task Handle(HttpContext http)
    {
        var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        var result = error switch
        {
            BadHttpRequestException bad => BadRequest(bad),
            SecureAccess.Throttling.HashingOverloadedException busy => Failure.Overloaded(busy.RetryAfter).ToProblem(), // issue 11: shed, nothing judged
            _ when IsClusterUnavailable(error) => OutcomeMapping.Unavailable.ToProblem(),
            _ => OutcomeMapping.Internal.ToProblem(),
        };
        // A shed request (issue 11) is load, not a fault: its 503 is counted by the throttling meter, not logged.
        if (error is not null and not SecureAccess.Throttling.HashingOverloadedException)
        {
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("SecureAccess.Gateway");
            switch (result.Status)
            {
                case StatusCodes.Status500InternalServerError: LogFault(logger, error.GetType().Name, http.Request.Path); break;
                case StatusCodes.Status503ServiceUnavailable: LogUnavailable(logger, error.GetType().Name, http.Request.Path); break;
                default: LogClientError(logger, result.Status, http.Request.Path, error.GetType().Name); break;
            }
        }
        http.Response.StatusCode = result.Status;
        await result.ExecuteAsync(http);
    }

    /// Statuses the framework answers by itself get problem details too; an unreadable body is a 400
    /// `invalid_request` like any other malformed input (API.md), not a bare 415.
    public static void UseProblemStatusCodes(this WebApplication app) =>
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            ProblemResult result = http.Response.StatusCode switch
            {
                StatusCodes.Status415UnsupportedMediaType => Failure.Invalid("body", "Send a JSON body with Content-Type: application/json.").ToProblem(),
                StatusCodes.Status404NotFound => Failure.NotFound("resource").ToProblem(),
                StatusCodes.Status413PayloadTooLarge => HttpHardening.TooLarge(null),
                StatusCodes.Status405MethodNotAllowed => new Failure(ErrorCodes.InvalidRequest, "That method is not allowed here.").ToProblem(StatusCodes.Status405MethodNotAllowed),
                var other => new Failure(other >= 500 ? ErrorCodes.ServiceUnavailable : ErrorCodes.InvalidRequest, "The request was not handled.").ToProblem(other),
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
            return Failure.Invalid(field, "Not valid JSON of the expected shape.").ToProblem();
        }
        return Failure.Invalid("body", bad.StatusCode == StatusCodes.Status415UnsupportedMediaType
            ? "Send a JSON body with Content-Type: application/json."
            : "The request body or parameters could not be read.").ToProblem();
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request to {Path} answered 503: the cluster was unreachable ({ExceptionType})")]
    private static partial void LogUnavailable(ILogger logger, string exceptionType, string path);

    /// The exception's type only: its message could echo the client's input.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Request to {Path} answered {Status}: {ExceptionType}")]
    private static partial void LogClientError(ILogger logger, int status, string path, string exceptionType);
}
