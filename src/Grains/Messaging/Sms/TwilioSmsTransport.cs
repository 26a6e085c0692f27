using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using SecureAccess.Messaging.Delivery;

namespace SecureAccess.Messaging.Sms;

/// SMS through Twilio's documented REST call: one form POST to
/// `{BaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json` with `To`, `From`, `Body` and Basic auth.
/// The named client carries the standard resilience handler (quick retries with jitter, timeouts, a
/// circuit breaker) and no HTTP logging, because the URI names the account and the headers carry the token.
public sealed class TwilioSmsTransport(IHttpClientFactory clients, IOptions<SmsOptions> options) : IMessageTransport
{
    public const string ClientName = "twilio";

    public async Task<DeliveryOutcome> Send(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var twilio = options.Value.Twilio;
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"{twilio.BaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(twilio.AccountSid)}/Messages.json")
        {
            Content = new FormUrlEncodedContent([new("To", message.To), new("From", twilio.From), new("Body", message.Body)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{twilio.AccountSid}:{twilio.AuthToken}")));
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return DeliveryOutcome.Delivered;
            var reason = $"Twilio HTTP {status}{await TwilioErrorCode(response, cancellationToken)}";
            return status == (int)HttpStatusCode.TooManyRequests || status == (int)HttpStatusCode.RequestTimeout || status >= 500
                ? DeliveryOutcome.Transient(reason)
                : DeliveryOutcome.Permanent(reason);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException)
        {
            if (cancellationToken.IsCancellationRequested) throw;
            // The type only: HttpRequestException's message may name the host and port.
            return DeliveryOutcome.Transient($"Twilio unreachable ({e.GetType().Name})");
        }
    }

    /// Twilio's numeric error code (e.g. 21211 invalid 'To' number); its `message` text is left out
    /// because it quotes the number.
    private static async Task<string> TwilioErrorCode(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return json.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number
                ? $", error {code.GetInt32()}" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
