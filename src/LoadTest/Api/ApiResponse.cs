using System.Globalization;

namespace SecureAccess.LoadTest.Api;

/// What one REST call answered: the status and, for RFC 9457 problem bodies, the API's `code`
/// (and `lockedUntil`), plus Retry-After. Transport failures are status 0 with code
/// `connection_error` or `timeout`, so every outcome can be counted in the same tables.
public record ApiResponse
{
    public const string ConnectionError = "connection_error";
    public const string Timeout = "timeout";

    public int Status { get; init; }

    /// The problem's `code` (API.md error table); null on success bodies.
    public string? Code { get; init; }

    /// SA-10: when a 423 says the username unlocks.
    public string? LockedUntil { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    /// Transport error message, for status 0; or why a body could not be read.
    public string? Error { get; init; }

    public bool IsSuccess => Status is >= 200 and < 300;

    /// For error messages: `401 invalid_credentials`, `500`, `0 timeout (…)`.
    public string Describe()
    {
        var text = Status.ToString(CultureInfo.InvariantCulture);
        if (Code is not null)
        {
            text += " " + Code;
        }

        return Error is null ? text : $"{text} ({Error})";
    }
}

/// An answer with the typed body the generated client read (null unless the status is a success the
/// document declares).
public sealed record ApiResponse<T> : ApiResponse
{
    public T? Body { get; init; }
}
