namespace SecureAccess.Common;

/// A domain outcome that is not success: wrong password, code expired, phone taken…
/// Grains return these instead of throwing; the gateway maps `Code` to an HTTP status in one place.
[GenerateSerializer, Immutable]
public sealed record Failure(
    [property: Id(0)] string Code,
    [property: Id(1)] string Detail,
    [property: Id(2)] string? Field = null,
    [property: Id(3)] DateTimeOffset? LockedUntil = null,
    [property: Id(4)] TimeSpan? RetryAfter = null)
{
    public static Failure Invalid(string field, string detail) => new(ErrorCodes.InvalidRequest, detail, field);
    public static Failure WrongStep(string expected) => new(ErrorCodes.WrongStep, $"This registration is not at that step; the next step is '{expected}'.");
    public static Failure NotFound(string what) => new(ErrorCodes.NotFound, $"No such {what}.");
    /// The lock's length is configurable (SA-10, LockoutOptions), so the text gives its end, which the caller knows.
    public static Failure Locked(DateTimeOffset until) =>
        new(ErrorCodes.AccountLocked, $"Too many failed attempts: this username is locked until {until.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}.", LockedUntil: until);
    public static Failure TooManyRequests(TimeSpan retryAfter) =>
        new(ErrorCodes.TooManyRequests, "Too many codes asked for; wait before asking again.", RetryAfter: retryAfter);
    /// A per-source limit refused the request before it was judged (issue 11).
    public static Failure Throttled(string detail, TimeSpan retryAfter) => new(ErrorCodes.TooManyRequests, detail, RetryAfter: retryAfter);
    /// The service shed this request to stay responsive; nothing was judged or counted (issue 11).
    public static Failure Overloaded(TimeSpan retryAfter) =>
        new(ErrorCodes.ServiceUnavailable, "The service is busy; retry shortly.", RetryAfter: retryAfter);
    public static readonly Failure InvalidCredentials = new(ErrorCodes.InvalidCredentials, "The username or password is incorrect.");
    public static readonly Failure InvalidCode = new(ErrorCodes.InvalidCode, "The code is incorrect.");
    public static readonly Failure CodeExpired = new(ErrorCodes.Expired, "The code is no longer valid (used, expired, or too many wrong tries). Ask for a new one.");
}
