using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SecureAccess.Cluster.Tests.Infrastructure;

/// A Kestrel stand-in for Twilio's `POST /2010-04-01/Accounts/{Sid}/Messages.json` on loopback. It
/// checks Basic auth, keeps each accepted SMS, counts every call per number, and can play an outage
/// (the next N calls answer 503) or refuse numbers for good (400, Twilio error 21211).
public sealed class TwilioStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failNext;

    public TwilioStub(string accountSid, string authToken)
    {
        Port = Testing.TestSettings.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        _app = builder.Build();
        var expectedAuth = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{accountSid}:{authToken}"));
        _app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", async (string sid, HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var to = form["To"].ToString();
            Calls.AddOrUpdate(to, 1, (_, n) => n + 1);
            if (sid != accountSid || request.Headers.Authorization.ToString() != expectedAuth)
                return Results.Json(new { code = 20003, message = "Authenticate", status = 401 }, statusCode: 401);
            if (Interlocked.Decrement(ref _failNext) >= 0)
                return Results.Json(new { code = 20500, message = "Internal Server Error", status = 503 }, statusCode: 503);
            if (Invalid.ContainsKey(to))
                return Results.Json(new { code = 21211, message = $"The 'To' number {to} is not a valid phone number.", status = 400 }, statusCode: 400);
            Received.Enqueue((to, form["From"].ToString(), form["Body"].ToString(), Stopwatch.GetTimestamp()));
            return Results.Json(new { sid = "SM" + Guid.NewGuid().ToString("N"), status = "queued" }, statusCode: 201);
        });
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public ConcurrentQueue<(string To, string From, string Body, long ReceivedAt)> Received { get; } = new();
    public ConcurrentDictionary<string, int> Calls { get; } = new();
    public ConcurrentDictionary<string, bool> Invalid { get; } = new();

    public int CallsTo(string to) => Calls.GetValueOrDefault(to);

    /// The next `count` calls answer 503 (an outage), whichever number they are for.
    public void FailNext(int count) => Volatile.Write(ref _failNext, count);

    public Task StartAsync() => _app.StartAsync();

    /// The body of the (after+1)-th SMS accepted for `to`, waiting for it (bounded).
    public async Task<(string Body, long ReceivedAt)> WaitForSms(string to, int after, TimeSpan timeout)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < timeout; await Task.Delay(20))
        {
            var sms = Received.Where(m => m.To == to).ToList();
            if (sms.Count > after) return (sms[after].Body, sms[after].ReceivedAt);
        }
        throw new TimeoutException($"No SMS #{after + 1} to {to} within {timeout} ({CallsTo(to)} calls for it).");
    }

    public int Count(string to) => Received.Count(m => m.To == to);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
