using System.Net;
using System.Text;
using SecureAccess.Client;
using SecureAccess.LoadTest.Api;

namespace SecureAccess.LoadTest.Tests;

/// The generated client throws for problem answers; the load tool must count them, and transport
/// failures, as outcomes with the API's `code` (issue 12).
public class ApiCallTests
{
    private static readonly UsernamePasswordRequest Ada = new() { Username = "ada", Password = "analytical engine 1843" };

    [Fact]
    public async Task A_declared_problem_is_an_outcome_with_its_code_lock_end_and_retry_after()
    {
        using var http = Client(new Canned(HttpStatusCode.Locked, "application/problem+json",
            """{"type":"https://errors.secureaccess.dev/account_locked","title":"Locked","status":423,"code":"account_locked","lockedUntil":"2026-12-01T09:00:00+00:00"}""",
            retryAfterSeconds: 86400));

        var answer = await ApiCall.RunAsync(ct => new SecureAccessClient(http).SignInAsync(Ada, ct), CancellationToken.None);

        Assert.Equal(423, answer.Status);
        Assert.Equal("account_locked", answer.Code);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), DateTimeOffset.Parse(answer.LockedUntil!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.FromDays(1), answer.RetryAfter);
        Assert.Null(answer.Body);
        Assert.Equal("423 account_locked", answer.Describe());
    }

    [Fact]
    public async Task A_success_carries_the_typed_body()
    {
        var id = Guid.NewGuid();
        using var http = Client(new Canned(HttpStatusCode.OK, "application/json",
            $$"""{"challengeId":"{{id}}","method":"sms","expiresAt":"2026-12-01T09:00:00+00:00","passwordChangeRequired":false}"""));

        var answer = await ApiCall.RunAsync(ct => new SecureAccessClient(http).SignInAsync(Ada, ct), CancellationToken.None);

        Assert.Equal(200, answer.Status);
        Assert.Equal(id, answer.Body!.ChallengeId);
        Assert.Equal("sms", answer.Body.Method);
        Assert.Null(answer.Code);
    }

    [Fact]
    public async Task A_status_the_document_does_not_declare_still_counts_by_the_code_in_its_body()
    {
        using var http = Client(new Canned((HttpStatusCode)418, "application/problem+json",
            """{"status":418,"code":"something_new"}"""));

        var answer = await ApiCall.RunAsync(ct => new SecureAccessClient(http).GetJsonWebKeySetAsync(ct), CancellationToken.None);

        Assert.Equal(418, answer.Status);
        Assert.Equal("something_new", answer.Code);
    }

    [Fact]
    public async Task A_refused_connection_is_status_0_connection_error()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        using var http = LoadHttpClient.Create(new Uri($"http://127.0.0.1:{port}"), TimeSpan.FromSeconds(5), handler: null);

        var answer = await ApiCall.RunAsync(ct => new SecureAccessClient(http).SignInAsync(Ada, ct), CancellationToken.None);

        Assert.Equal((0, ApiResponse.ConnectionError), (answer.Status, answer.Code));
        Assert.NotNull(answer.Error);
    }

    [Fact]
    public async Task The_clients_timeout_is_status_0_timeout_but_the_callers_cancellation_ends_the_call()
    {
        using var http = Client(new Silent(), TimeSpan.FromMilliseconds(50));

        var answer = await ApiCall.RunAsync(ct => new SecureAccessClient(http).SignInAsync(Ada, ct), CancellationToken.None);
        Assert.Equal((0, ApiResponse.Timeout), (answer.Status, answer.Code));

        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ApiCall.RunAsync(ct => new SecureAccessClient(http).SignInAsync(Ada, ct), stop.Token));
    }

    private static HttpClient Client(HttpMessageHandler handler, TimeSpan? timeout = null) =>
        LoadHttpClient.Create(new Uri("http://127.0.0.1:1"), timeout ?? TimeSpan.FromSeconds(5), handler);

    /// One fixed answer, as the gateway would send it.
    private sealed class Canned(HttpStatusCode status, string mediaType, string body, int? retryAfterSeconds = null) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
            if (retryAfterSeconds is { } seconds)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
            }

            return Task.FromResult(response);
        }
    }

    /// Never answers: only a cancellation ends the wait.
    private sealed class Silent : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
