using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.Tokens;

/// Issue 10: tokens carry `kid`; an operator rotates; JWKS publishes current, next and retired keys.
[Collection(ApiCollection.Name)]
public sealed class SigningKeyRotationTests(ApiFactory factory)
{
    private readonly SecureAccessApi _api = factory.Api();

    private async Task<HttpResponseMessage> Rotate(string? key = TestSettings.OperatorKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/signing-keys/rotate") { Content = System.Net.Http.Json.JsonContent.Create(new JsonObject()) };
        if (key is not null) request.Headers.Add("X-Operator-Key", key);
        return await _api.Http.SendAsync(request);
    }

    private async Task<JsonWebKeySet> Jwks()
    {
        var response = await _api.Get("/.well-known/jwks.json");
        await response.ShouldBe(HttpStatusCode.OK);
        return new JsonWebKeySet(await response.Content.ReadAsStringAsync());
    }

    private static string KidOf(string token) => new JsonWebToken(token).Kid;

    private static async Task<bool> Verifies(string token, JsonWebKeySet jwks) =>
        (await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "secure-access",
            ValidAudience = "e-services",
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidateLifetime = false,
        })).IsValid;

    [Fact]
    public async Task Rotation_while_sign_ins_run_keeps_old_tokens_valid_and_new_tokens_carry_the_new_kid()
    {
        var early = await _api.Register(People.Fresh());
        var oldToken = await _api.SignInFully(early);
        var oldKid = KidOf(oldToken);
        var cachedByProduct = await Jwks(); // a product's copy, fetched before the rotation
        Assert.Contains(cachedByProduct.Keys, k => k.Kid == oldKid);

        var users = new List<RegisteredUser>();
        for (var i = 0; i < 4; i++) users.Add(await _api.Register(People.Fresh()));
        var signIns = users.Select(u => _api.SignInFully(u)).ToList();
        var rotation = await Rotate();
        var tokens = await Task.WhenAll(signIns);

        await rotation.ShouldBe(HttpStatusCode.Accepted);
        var answer = await rotation.Json();
        var (currentKid, nextKid) = ((string)answer["currentKid"]!, (string)answer["nextKid"]!);
        Assert.NotEqual(oldKid, currentKid);
        Assert.Equal("no-store", rotation.Headers.CacheControl?.ToString());

        var late = await _api.Register(People.Fresh());
        var newToken = await _api.SignInFully(late);
        Assert.Equal(currentKid, KidOf(newToken));

        var jwks = await Jwks();
        Assert.Superset(new HashSet<string> { oldKid, currentKid, nextKid }, jwks.Keys.Select(k => k.Kid).ToHashSet());
        // The product that cached JWKS before the rotation already knew the new key (it was "next").
        Assert.True(await Verifies(newToken, cachedByProduct));
        foreach (var token in tokens.Append(oldToken).Append(newToken))
        {
            Assert.Contains(KidOf(token), new[] { oldKid, currentKid });
            Assert.True(await Verifies(token, jwks));
            await (await _api.Get("/api/v1/account", token)).ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Only_an_operator_may_rotate()
    {
        await (await Rotate(key: null)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await (await Rotate(TestSettings.AssistorKey)).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_token_without_a_kid_or_with_an_unknown_kid_is_refused()
    {
        var token = await _api.SignInFully(await _api.Register(People.Fresh()));
        var parts = token.Split('.');
        var header = JsonNode.Parse(Base64UrlEncoder.Decode(parts[0]))!.AsObject();
        header["kid"] = "not-a-key-of-ours";
        var renamed = Base64UrlEncoder.Encode(header.ToJsonString()) + "." + parts[1] + "." + parts[2];
        header.Remove("kid");
        var nameless = Base64UrlEncoder.Encode(header.ToJsonString()) + "." + parts[1] + "." + parts[2];
        await (await _api.Get("/api/v1/account", renamed)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await (await _api.Get("/api/v1/account", nameless)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await (await _api.Get("/api/v1/account", token)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task After_the_rotation_interval_the_gateway_signs_with_the_next_key_without_a_restart()
    {
        var before = await _api.SignInFully(await _api.Register(People.Fresh()));
        factory.Clock.Advance(TimeSpan.FromDays(30));
        var after = await _api.SignInFully(await _api.Register(People.Fresh()));
        Assert.NotEqual(KidOf(before), KidOf(after));
        Assert.Contains(KidOf(after), (await Jwks()).Keys.Select(k => k.Kid));
        await (await _api.Get("/api/v1/account", after)).ShouldBe(HttpStatusCode.OK);
    }
}
