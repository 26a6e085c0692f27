using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SecureAccess.LoadTest.Data;

namespace SecureAccess.LoadTest.Api;

/// The REST calls of API.md, one method each. It only speaks HTTP and parses answers; timing,
/// expectations and retries belong to the scenarios.
public sealed class ApiClient(HttpClient http)
{
    private const string Registrations = "api/v1/registrations";

    public Task<ApiResponse> StartRegistrationAsync(string email, CancellationToken ct) =>
        PostAsync(Registrations, new { email }, ct);

    public Task<ApiResponse> ConfirmEmailAsync(string registrationId, string code, CancellationToken ct) =>
        PostAsync($"{Registrations}/{Escape(registrationId)}/email/confirm", new { code }, ct);

    public Task<ApiResponse> SubmitIdentityAsync(string registrationId, IdentityRecord record, FinancialAccountRecord account, CancellationToken ct) =>
        PostAsync($"{Registrations}/{Escape(registrationId)}/identity", new
        {
            firstName = record.FirstName,
            lastName = record.LastName,
            dateOfBirth = record.DateOfBirth,
            ssn = record.Ssn,
            filingStatus = record.FilingStatus,
            address = new
            {
                line1 = record.Address.Line1,
                line2 = string.IsNullOrWhiteSpace(record.Address.Line2) ? null : record.Address.Line2,
                city = record.Address.City,
                state = record.Address.State,
                zip = record.Address.Zip,
            },
            financialAccount = new { type = account.Type, number = account.Number },
        }, ct);

    public Task<ApiResponse> ChooseCredentialsAsync(string registrationId, string username, string password, CancellationToken ct) =>
        PostAsync($"{Registrations}/{Escape(registrationId)}/credentials", new { username, password }, ct);

    public Task<ApiResponse> AddPhoneAsync(string registrationId, string phoneNumber, CancellationToken ct) =>
        PostAsync($"{Registrations}/{Escape(registrationId)}/phone", new { phoneNumber }, ct);

    public Task<ApiResponse> ConfirmPhoneAsync(string registrationId, string code, CancellationToken ct) =>
        PostAsync($"{Registrations}/{Escape(registrationId)}/phone/confirm", new { code }, ct);

    public Task<ApiResponse> RequestActivationLetterAsync(string registrationId, CancellationToken ct) =>
        PostAsync($"{Registrations}/{Escape(registrationId)}/activation-letter", new { }, ct);

    public Task<ApiResponse> ConfirmActivationLetterAsync(string registrationId, string code, CancellationToken ct) =>
        PostAsync($"{Registrations}/{Escape(registrationId)}/activation-letter/confirm", new { code }, ct);

    public Task<ApiResponse> EnrolAuthenticatorAsync(string registrationId, string deviceId, CancellationToken ct) =>
        PostAsync($"{Registrations}/{Escape(registrationId)}/authenticator", new { deviceId }, ct);

    public Task<ApiResponse> ConfirmAuthenticatorAsync(string registrationId, string code, CancellationToken ct) =>
        PostAsync($"{Registrations}/{Escape(registrationId)}/authenticator/confirm", new { code }, ct);

    public Task<ApiResponse> SignInAsync(string username, string password, CancellationToken ct) =>
        PostAsync("api/v1/sessions", new { username, password }, ct);

    public Task<ApiResponse> VerifyAsync(string challengeId, string code, CancellationToken ct) =>
        PostAsync($"api/v1/sessions/{Escape(challengeId)}/verify", new { code }, ct);

    public Task<ApiResponse> GetAccountAsync(string accessToken, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/account");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return SendAsync(request, ct);
    }

    public Task<ApiResponse> GetOutboxAsync(string to, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/v1/dev/outbox?to=" + Uri.EscapeDataString(to)), ct);

    /// The outbox entries of one channel, oldest first (the order the server keeps).
    public static IReadOnlyList<OutboxMessage> ParseOutbox(ApiResponse response, string channel)
    {
        if (response.Body is not { ValueKind: JsonValueKind.Array } array)
        {
            return [];
        }

        var messages = new List<OutboxMessage>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var itemChannel = Text(item, "channel");
            if (!string.Equals(itemChannel, channel, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            messages.Add(new OutboxMessage(itemChannel!, Text(item, "to") ?? "", Text(item, "code"), Text(item, "sentAt"), Text(item, "body")));
        }

        return messages;
    }

    public Task<ApiResponse> PostAsync(string path, object body, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: JsonFiles.Options) }, ct);

    public async Task<ApiResponse> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        {
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
                return await ReadAsync(response, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException e)
            {
                // HttpClient.Timeout surfaces as a cancellation that is not ours.
                return ApiResponse.Failed(ApiResponse.Timeout, e.Message);
            }
            catch (HttpRequestException e)
            {
                return ApiResponse.Failed(ApiResponse.ConnectionError, e.Message);
            }
        }
    }

    private static async Task<ApiResponse> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        JsonElement? body = null;
        if (bytes.Length > 0 && LooksLikeJson(response.Content.Headers.ContentType?.MediaType, bytes))
        {
            try
            {
                body = JsonSerializer.Deserialize<JsonElement>(bytes);
            }
            catch (JsonException)
            {
                // A body that is not JSON is reported through the status alone.
            }
        }

        string? code = null;
        if (!response.IsSuccessStatusCode && body is { ValueKind: JsonValueKind.Object } problem)
        {
            code = Text(problem, "code");
        }

        return new ApiResponse
        {
            Status = (int)response.StatusCode,
            Body = body,
            Code = code,
            RetryAfter = RetryAfter(response),
        };
    }

    private static bool LooksLikeJson(string? mediaType, byte[] bytes) =>
        mediaType is null
            ? bytes[0] is (byte)'{' or (byte)'['
            : mediaType.Contains("json", StringComparison.OrdinalIgnoreCase);

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    /// Sockets tuned for load: no connection cap, no cookies or redirects that a client app would
    /// not follow either.
    public static HttpClient CreateHttpClient(Uri baseAddress, TimeSpan timeout, HttpMessageHandler? handler)
    {
        var client = handler is null
            ? new HttpClient(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = int.MaxValue,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                UseCookies = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
            }, disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        client.BaseAddress = EnsureTrailingSlash(baseAddress);
        client.Timeout = timeout;
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("SecureAccess.LoadTest", "1.0"));
        return client;
    }

    private static Uri EnsureTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
