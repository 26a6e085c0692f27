using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace SecureAccess.Gateway.Problems;

/// RFC 9457 problem details carrying API.md's `code`, plus `errors`, `lockedUntil` and `Retry-After` where they apply.
/// Made only by OutcomeMapping, from a `Failure`: status and title come from its one table.
public sealed class ProblemResult : IResult, IStatusCodeHttpResult
{
    public const string TypeBase = "https://errors.secureaccess.dev/";

    private readonly string _title;
    private readonly string _detail;
    private readonly IDictionary<string, string[]>? _errors;
    private readonly DateTimeOffset? _lockedUntil;
    private readonly TimeSpan? _retryAfter;

    internal ProblemResult(int status, string code, string title, string detail,
        IDictionary<string, string[]>? errors, DateTimeOffset? lockedUntil, TimeSpan? retryAfter)
    {
        Status = status;
        Code = code;
        _title = title;
        _detail = detail;
        _errors = errors;
        _lockedUntil = lockedUntil;
        _retryAfter = retryAfter;
    }

    public int Status { get; }
    public string Code { get; }
    int? IStatusCodeHttpResult.StatusCode => Status;

    public Task ExecuteAsync(HttpContext http)
    {
        var problem = new ProblemDetails
        {
            Type = TypeBase + Code,
            Title = _title,
            Status = Status,
            Detail = _detail,
        };
        problem.Extensions["code"] = Code;
        if (_errors is not null) problem.Extensions["errors"] = _errors;
        if (_lockedUntil is { } until) problem.Extensions["lockedUntil"] = until;

        if (_retryAfter is { } w)
            http.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(w.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (_lockedUntil is { } lockEnd)
        {
            // Seconds until the lock ends by the service clock, never less than one.
            var clock = http.RequestServices.GetRequiredService<TimeProvider>();
            http.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling((lockEnd - clock.GetUtcNow()).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        return TypedResults.Problem(problem).ExecuteAsync(http);
    }
}
