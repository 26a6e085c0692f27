using System.Globalization;
using System.Text.Json;
using SecureAccess.Client;

namespace SecureAccess.LoadTest.Api;

/// Runs one call of the generated client (SecureAccess.Client) and turns every outcome into an
/// <see cref="ApiResponse{T}"/>: the client throws for problem answers and for statuses the document
/// does not declare, but a load run counts those as data, not as crashes.
internal static class ApiCall
{
    public static async Task<ApiResponse<T>> RunAsync<T>(Func<CancellationToken, Task<SecureAccessResponse<T>>> call, CancellationToken ct)
    {
        try
        {
            var answer = await call(ct).ConfigureAwait(false);
            return new ApiResponse<T> { Status = answer.StatusCode, Body = answer.Result, RetryAfter = RetryAfter(answer.Headers) };
        }
        catch (SecureAccessApiException e)
        {
            return FromException<T>(e);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException e)
        {
            // HttpClient.Timeout surfaces as a cancellation that is not ours.
            return new ApiResponse<T> { Code = ApiResponse.Timeout, Error = e.Message };
        }
        catch (HttpRequestException e)
        {
            return new ApiResponse<T> { Code = ApiResponse.ConnectionError, Error = e.Message };
        }
    }

    /// An operation that answers no body.
    public static Task<ApiResponse<NoBody>> RunAsync(Func<CancellationToken, Task<SecureAccessResponse>> call, CancellationToken ct) =>
        RunAsync(async c =>
        {
            var answer = await call(c).ConfigureAwait(false);
            return new SecureAccessResponse<NoBody>(answer.StatusCode, answer.Headers, NoBody.Instance);
        }, ct);

    private static ApiResponse<T> FromException<T>(SecureAccessApiException e)
    {
        // A problem the document declares arrives typed; its `code` is an enum of API.md's codes.
        var (code, lockedUntil) = e is SecureAccessApiException<ProblemDetails> { Result: { } problem }
            ? (WireNames<ProblemDetailsCode>.Of(problem.Code), problem.LockedUntil?.ToString("O", CultureInfo.InvariantCulture))
            : ProblemFields(e.Response);
        return new ApiResponse<T>
        {
            Status = e.StatusCode,
            Code = code,
            LockedUntil = lockedUntil,
            RetryAfter = RetryAfter(e.Headers),
            // A success status here means the document did not declare it, or its body did not read.
            Error = e.StatusCode is >= 200 and < 300 ? FirstLine(e.Message) : null,
        };
    }

    /// `code` and `lockedUntil` of a problem body the document does not declare for that status, read
    /// from its text so it is still counted by its code.
    private static (string? Code, string? LockedUntil) ProblemFields(string? json)
    {
        if (string.IsNullOrEmpty(json) || json[0] != '{')
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return (Text(document.RootElement, "code"), Text(document.RootElement, "lockedUntil"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static TimeSpan? RetryAfter(IReadOnlyDictionary<string, IEnumerable<string>> headers)
    {
        if (!headers.TryGetValue("Retry-After", out var values) || values.FirstOrDefault() is not { } value)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date - DateTimeOffset.UtcNow : null;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0];
}

/// An enum's names on the wire (the generated enums carry them as JsonStringEnumMemberName), read once.
internal static class WireNames<TEnum>
    where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> Names = typeof(TEnum)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .ToDictionary(
            f => (TEnum)f.GetValue(null)!,
            f => f.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute), false)
                     .OfType<System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute>().FirstOrDefault()?.Name ?? f.Name);

    public static string Of(TEnum value) => Names.TryGetValue(value, out var name) ? name : value.ToString();
}

/// The body of an answer that has none.
public sealed record NoBody
{
    public static NoBody Instance { get; } = new();
}
