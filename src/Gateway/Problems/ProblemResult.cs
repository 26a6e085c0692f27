using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using SecureAccess.Common;

namespace SecureAccess.Gateway.Problems;

/// RFC 9457 problem details carrying API.md's `code`, plus `errors`, `lockedUntil` and `Retry-After` where they apply.
public sealed class ProblemResult(int status, string code, string detail,
    IDictionary<string, string[]>? errors = null, DateTimeOffset? lockedUntil = null, TimeSpan? retryAfter = null) : IResult
{
    public const string TypeBase = "https://errors.secureaccess.dev/";

    public int Status => status;
    public string Code => code;

    public Task ExecuteAsync(HttpContext http)
    {
        var problem = new ProblemDetails
        {
            Type = TypeBase + code,
            Title = Titles.GetValueOrDefault(code, "Request refused"),
            Status = status,
            Detail = detail,
        };
        problem.Extensions["code"] = code;
        if (errors is not null) problem.Extensions["errors"] = errors;
        if (lockedUntil is { } until) problem.Extensions["lockedUntil"] = until;

        if (retryAfter is { } w)
            http.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(w.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (lockedUntil is { } lockEnd)
        {
            // Seconds until the lock ends by the service clock, never less than one.
            var clock = http.RequestServices.GetRequiredService<TimeProvider>();
            http.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling((lockEnd - clock.GetUtcNow()).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        return TypedResults.Problem(problem).ExecuteAsync(http);
    }

    public static ProblemResult InvalidRequest(string field, string message) =>
        new(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The request is not valid.",
            new Dictionary<string, string[]> { [field] = [message] });

    private static readonly Dictionary<string, string> Titles = new()
    {
        [ErrorCodes.InvalidRequest] = "Invalid request",
        [ErrorCodes.WeakPassword] = "Password does not meet the policy",
        [ErrorCodes.InvalidPhone] = "Invalid phone number",
        [ErrorCodes.InvalidCredentials] = "Invalid credentials",
        [ErrorCodes.InvalidCode] = "Invalid code",
        [ErrorCodes.Unauthorized] = "Unauthorized",
        [ErrorCodes.Forbidden] = "Forbidden",
        [ErrorCodes.PasswordChangeRequired] = "Password change required",
        [ErrorCodes.NotFound] = "Not found",
        [ErrorCodes.UsernameTaken] = "Username taken",
        [ErrorCodes.PhoneInUse] = "Phone number in use",
        [ErrorCodes.DeviceInUse] = "Device in use",
        [ErrorCodes.IdentityAlreadyRegistered] = "Identity already registered",
        [ErrorCodes.WrongStep] = "Wrong step",
        [ErrorCodes.NoExistingAccount] = "No existing account",
        [ErrorCodes.OnlineAttemptRequired] = "Online attempt required",
        [ErrorCodes.Expired] = "Expired",
        [ErrorCodes.IdentityNotVerified] = "Identity not verified",
        [ErrorCodes.CreditFreeze] = "Credit freeze",
        [ErrorCodes.CardNotAccepted] = "Card not accepted",
        [ErrorCodes.AccountLocked] = "Account locked",
        [ErrorCodes.TooManyRequests] = "Too many requests",
        [ErrorCodes.ServiceUnavailable] = "Service unavailable",
    };
}
