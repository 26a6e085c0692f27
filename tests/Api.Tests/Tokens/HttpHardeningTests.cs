using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SecureAccess.Gateway.Hosting;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.Tokens;

/// A host behind one configured proxy (10.0.0.5), with a small body limit. A test-only header picks
/// the connection's peer address, as a real connection from that address would have it.
public sealed class ProxiedFactory : ApiFactory
{
    public const string Proxy = "10.0.0.5";
    public const string PeerHeader = "X-Test-Peer";

    public ProxiedFactory()
    {
        Settings["ForwardedHeaders:KnownProxies:0"] = Proxy;
        Settings["Http:MaxRequestBodyBytes"] = "4096";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, PeerFromHeader>());
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (http.Request.Headers.TryGetValue(PeerHeader, out var peer)) http.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}

/// Issue 10: forwarded headers only from configured proxies, the body limit, no-store, HSTS.
public sealed class HttpHardeningTests(ProxiedFactory factory) : IClassFixture<ProxiedFactory>
{
    private readonly SecureAccessApi _api = factory.Api();

    private async Task<string> SourceOfFailedSignIn(string peer, string forwardedFor)
    {
        var user = await _api.Register(People.Fresh());
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sessions")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { username = user.Username, password = "not the password" }),
        };
        request.Headers.Add(ProxiedFactory.PeerHeader, peer);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        await (await _api.Http.SendAsync(request)).ShouldBeProblem(HttpStatusCode.Unauthorized, "invalid_credentials");

        var audit = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/admin/audit?username={user.Username}");
        audit.Headers.Add("X-Operator-Key", TestSettings.OperatorKey);
        var events = JsonNode.Parse(await (await _api.Http.SendAsync(audit)).Content.ReadAsStringAsync())!.AsArray();
        return (string)events.Single(e => (string)e!["event"]! == "sign-in.failed")!["source"]!;
    }

    [Fact]
    public async Task The_audit_trail_records_the_client_behind_a_known_proxy()
    {
        Assert.Equal("198.51.100.7", await SourceOfFailedSignIn(ProxiedFactory.Proxy, "198.51.100.7"));
    }

    [Fact]
    public async Task Forwarded_headers_from_anyone_else_are_ignored()
    {
        Assert.Equal("10.0.0.9", await SourceOfFailedSignIn("10.0.0.9", "198.51.100.8"));
        Assert.Equal("127.0.0.1", await SourceOfFailedSignIn("127.0.0.1", "198.51.100.9")); // not even loopback, unless listed
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem_and_changes_nothing()
    {
        var username = Unique.Username("big");
        var body = $"{{\"username\":\"{username}\",\"password\":\"{new string('x', 5000)}\"}}";
        var response = await _api.PostRaw("/api/v1/sessions", body);
        await response.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge, "invalid_request");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(0, (await factory.Cluster.GetGrain<Users.IUserGrain>(username).GetSummary()).FailedAttempts);
    }

    [Fact]
    public async Task The_operators_import_may_be_larger_than_the_general_limit()
    {
        var padded = "{\"accounts\":[" + new string(' ', 8000) + "]}";
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/existing-accounts") { Content = new StringContent(padded, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Operator-Key", TestSettings.OperatorKey);
        var response = await _api.Http.SendAsync(request);
        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
    }

    [Fact]
    public async Task Answers_carrying_a_token_or_a_totp_secret_are_not_stored_and_jwks_may_be()
    {
        var user = await _api.Register(People.Fresh());
        var challenge = await _api.SignIn(user.Username, user.Password);
        var challengeId = (string)(await challenge.Json())["challengeId"]!;
        var verified = await _api.Post($"/api/v1/sessions/{challengeId}/verify", new JsonObject { ["code"] = await _api.LatestCode(user.Phone) });
        await verified.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("no-store", verified.Headers.CacheControl?.ToString());
        Assert.NotNull((await verified.Json())["accessToken"]);

        // A registrant without a phone: letter, then the authenticator app, whose secret the answer carries.
        var username = Unique.Username("nostore");
        var id = await _api.RegisterUpToPhone(People.Fresh(), username, "letters take ten days", Unique.Email());
        await (await _api.Post($"/api/v1/registrations/{id}/activation-letter", new JsonObject())).ShouldBe(HttpStatusCode.Accepted);
        var letterCode = await _api.LatestCode(username);
        await (await _api.Post($"/api/v1/registrations/{id}/activation-letter/confirm", new JsonObject { ["code"] = letterCode })).ShouldBe(HttpStatusCode.OK);
        var enrolled = await _api.Post($"/api/v1/registrations/{id}/authenticator", new JsonObject { ["deviceId"] = "device-" + username });
        await enrolled.ShouldBe(HttpStatusCode.Created);
        Assert.NotNull((await enrolled.Json())["secret"]);
        Assert.Equal("no-store", enrolled.Headers.CacheControl?.ToString());

        var jwks = await _api.Get("/.well-known/jwks.json");
        Assert.NotEqual("no-store", jwks.Headers.CacheControl?.ToString());
        Assert.False(jwks.Headers.Contains("Strict-Transport-Security")); // Development: no HSTS
    }

    [Fact]
    public void A_known_proxy_that_is_not_an_ip_address_refuses_the_start()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.5",
            ["ForwardedHeaders:KnownProxies:1"] = "proxy.internal",
        }).Build();
        Assert.Equal(["ForwardedHeaders:KnownProxies: 'proxy.internal' is not an IP address."], HttpHardening.Problems(configuration));
        var list = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies"] = "10.0.0.5, 2001:db8::1",
        }).Build();
        Assert.Empty(HttpHardening.Problems(list));
    }

    [Theory]
    [InlineData("Production", true)]
    [InlineData("Staging", true)]
    [InlineData("Development", false)]
    public async Task Hsts_is_sent_outside_development(string environment, bool expected)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.AddHttpHardening();
        await using var app = builder.Build();
        app.UseHttpHardening();
        app.MapGet("/api/v1/ping", () => "pong");
        await app.StartAsync();
        var client = app.GetTestClient();
        client.BaseAddress = new Uri("https://secureaccess.example.gov");

        var response = await client.GetAsync(new Uri("/api/v1/ping", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Headers.Contains("Strict-Transport-Security"));
        if (expected) Assert.Contains("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }
}
