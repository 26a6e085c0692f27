using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SecureAccess.Gateway.Tokens;
using SecureAccess.Testing;
using SecureAccess.Tokens;

namespace SecureAccess.Api.Tests.Tokens;

/// Issue 13: the gateway's cache of verified tokens never outlives a revocation or a token.
public sealed class VerifiedTokenCacheTests
{
    private readonly FakeTimeProvider _clock = new(TestSettings.Start);

    private VerifiedTokenCache Cache(int size = 100) => new(Options.Create(new TokenOptions { VerifiedTokenCacheSize = size }), _clock);

    private SessionPrincipal Principal(string username) => new(username, Guid.NewGuid(), false, _clock.GetUtcNow().AddMinutes(30));

    [Fact]
    public void A_cached_token_is_served_until_it_expires()
    {
        var cache = Cache();
        var principal = Principal("alice");
        cache.Add("token-a", principal, cache.Stamp());
        Assert.Equal(principal, cache.Find("token-a"));
        Assert.Null(cache.Find("token-b"));
        _clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Null(cache.Find("token-a"));
    }

    [Fact]
    public void A_revocation_drops_every_token_of_the_user_and_only_theirs()
    {
        var cache = Cache();
        cache.Add("a1", Principal("alice"), cache.Stamp());
        cache.Add("a2", Principal("alice"), cache.Stamp());
        cache.Add("b1", Principal("bob"), cache.Stamp());
        cache.Revoke("alice");
        Assert.Null(cache.Find("a1"));
        Assert.Null(cache.Find("a2"));
        Assert.NotNull(cache.Find("b1"));
    }

    [Fact]
    public void A_verification_that_started_before_a_revocation_is_not_kept()
    {
        var cache = Cache();
        var stamp = cache.Stamp();          // the request asks the user grain: session active...
        cache.Revoke("alice");              // ...meanwhile the session ends
        cache.Add("a1", Principal("alice"), stamp);
        Assert.Null(cache.Find("a1"));
        var clearedStamp = cache.Stamp();
        cache.Clear();
        cache.Add("b1", Principal("bob"), clearedStamp);
        Assert.Null(cache.Find("b1"));
    }

    [Fact]
    public void The_cache_is_bounded()
    {
        var cache = Cache(size: 2);
        cache.Add("a", Principal("a"), cache.Stamp());
        cache.Add("b", Principal("b"), cache.Stamp());
        cache.Add("c", Principal("c"), cache.Stamp());
        Assert.Equal(2, cache.Count);
        _clock.Advance(TimeSpan.FromMinutes(31));
        cache.Add("d", Principal("d"), cache.Stamp()); // expired entries make room
        Assert.NotNull(cache.Find("d"));
    }
}

/// Issue 13 over HTTP: a token served from the cache still dies at once with its session here.
[Collection(ApiCollection.Name)]
public sealed class CachedTokenRevocationTests(ApiFactory factory)
{
    private readonly SecureAccessApi _api = factory.Api();

    [Fact]
    public async Task A_hot_token_is_refused_right_after_sign_out()
    {
        var token = await _api.SignInFully(await _api.Register(People.Fresh()));
        for (var i = 0; i < 3; i++) await (await _api.Get("/api/v1/account", token)).ShouldBe(HttpStatusCode.OK);
        // The token really is hot: cached, and served from the cache while revocations reach this gateway.
        Assert.NotNull(factory.Services.GetRequiredService<VerifiedTokenCache>().Find(token));
        var listener = factory.Services.GetRequiredService<SessionRevocationListener>();
        var healthy = false;
        for (var wait = System.Diagnostics.Stopwatch.StartNew(); !(healthy = listener.Healthy) && wait.Elapsed < TimeSpan.FromSeconds(30);) await Task.Delay(50);
        Assert.True(healthy, "Revocations never reached this gateway.");
        await (await _api.Delete("/api/v1/sessions/current", token)).ShouldBe(HttpStatusCode.NoContent);
        await (await _api.Get("/api/v1/account", token)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_password_change_ends_the_other_hot_sessions_at_once()
    {
        var user = await _api.Register(People.Fresh());
        var first = await _api.SignInFully(user);
        var second = await _api.SignInFully(user);
        await (await _api.Get("/api/v1/account", first)).ShouldBe(HttpStatusCode.OK);
        await (await _api.Get("/api/v1/account", second)).ShouldBe(HttpStatusCode.OK);

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/account/password")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { currentPassword = user.Password, newPassword = "a brand new passphrase 77" }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", second);
        await (await _api.Http.SendAsync(request)).ShouldBe(HttpStatusCode.NoContent);

        await (await _api.Get("/api/v1/account", first)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await (await _api.Get("/api/v1/account", second)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_gateway_whose_revocation_hub_restarted_does_not_keep_serving_a_revoked_token()
    {
        var user = await _api.Register(People.Fresh());
        var token = await _api.SignInFully(user);
        for (var i = 0; i < 3; i++) await (await _api.Get("/api/v1/account", token)).ShouldBe(HttpStatusCode.OK);
        Assert.NotNull(factory.Services.GetRequiredService<VerifiedTokenCache>().Find(token));

        // The hub loses its subscriptions (as when its silo goes), then the session ends behind the
        // gateway's back (no local drop): only the renewal's "not continuous" can tell the gateway.
        await factory.Cluster.GetGrain<ISessionRevocationHubGrain>(0).Cast<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle();
        var sessionId = Guid.Parse(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).GetPayloadValue<string>("sid"));
        await factory.Cluster.GetGrain<Users.IUserGrain>(user.Username).EndSession(sessionId);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((await _api.Get("/api/v1/account", token)).StatusCode == HttpStatusCode.OK)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "The gateway kept serving a revoked token from its cache.");
            await Task.Delay(20);
        }
        await (await _api.Get("/api/v1/account", token)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
