using System.Globalization;
using System.Text.Json;

namespace SecureAccess.LoadTest.Api;

/// What one REST call answered: the status, the parsed JSON body if any, and for RFC 9457 problem
/// bodies the API's `code`. Transport failures are status 0 with code `connection_error` or
/// `timeout`, so every outcome can be counted in the same tables.
public sealed record ApiResponse
{
    public const string ConnectionError = "connection_error";
    public const string Timeout = "timeout";

    public int Status { get; init; }

    public JsonElement? Body { get; init; }

    /// The problem's `code` (API.md error table); null on success bodies.
    public string? Code { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    /// Transport error message, for status 0.
    public string? Error { get; init; }

    public bool IsSuccess => Status is >= 200 and < 300;

    public static ApiResponse Failed(string code, string message) => new() { Code = code, Error = message };

    public string? String(string property) =>
        Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty(property, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            }
            : null;

    public bool? Boolean(string property) =>
        Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty(property, out var value) &&
        value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;

    public long? Number(string property) =>
        Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty(property, out var value) &&
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : null;

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
