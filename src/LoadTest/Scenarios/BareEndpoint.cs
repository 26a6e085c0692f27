using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecureAccess.LoadTest.Scenarios;

/// A Kestrel endpoint with no work behind it, on a loopback port (a free one unless given): what the
/// machine and the HTTP stack cost before any hashing, grain call or storage. Hosted by the `baseline`
/// scenario itself, or alone by `serve-baseline` (BaselineServer) so it can get its own CPUs.
internal sealed class BareEndpoint : IAsyncDisposable
{
    public const string Path = "baseline/sessions";

    /// The same endpoint where the contract has POST /api/v1/sessions, so the `baseline` scenario
    /// sends it through the generated client's sign-in call and pays the same client overhead as a
    /// real run (issue 12). `Path` stays for wrk and scripts/benchmark.sh.
    public const string ContractPath = "api/v1/sessions";

    private readonly WebApplication app;

    private BareEndpoint(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// Cancelled when the host is asked to stop (SIGTERM or Ctrl+C).
    public CancellationToken Stopping => app.Lifetime.ApplicationStopping;

    public static async Task<BareEndpoint> StartAsync(CancellationToken ct) => await StartAsync(0, ct).ConfigureAwait(false);

    public static async Task<BareEndpoint> StartAsync(int port, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();

        // Shaped like POST /api/v1/sessions: a small JSON body in, a small JSON body out.
        // A route handler (a Delegate), not a RequestDelegate, so the IResult is written.
        Func<HttpContext, Task<IResult>> answer = AnswerAsync;
        app.MapPost("/" + Path, answer);
        app.MapPost("/" + ContractPath, answer);

        await app.StartAsync(ct).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BareEndpoint(app, new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    private static async Task<IResult> AnswerAsync(HttpContext http)
    {
        var body = await http.Request.ReadFromJsonAsync<SignInShape>(http.RequestAborted).ConfigureAwait(false);
        return body is null || string.IsNullOrEmpty(body.Username)
            ? Results.BadRequest()
            : Results.Json(new ChallengeShape(Guid.NewGuid().ToString(), "sms", DateTimeOffset.UtcNow.AddMinutes(10), false));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    internal sealed record SignInShape(string? Username, string? Password);

    internal sealed record ChallengeShape(string ChallengeId, string Method, DateTimeOffset ExpiresAt, bool PasswordChangeRequired);
}
