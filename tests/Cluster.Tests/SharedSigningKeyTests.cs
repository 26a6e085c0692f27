using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using SecureAccess.Cluster.Tests.Infrastructure;
using SecureAccess.Testing;
using Xunit.Abstractions;

namespace SecureAccess.Cluster.Tests;

/// Issues 10 and 13 with real processes on PostgreSQL: two gateways WITHOUT `Tokens:SigningKeyPem`
/// share the cluster's keys, follow a rotation made through the other one, and end a session that
/// was signed out (or whose password changed) at the other gateway within a second.
public sealed class SharedSigningKeyTests(ITestOutputHelper output) : TwoSiloClusterTest("signing-keys", output)
{
    private static readonly TimeSpan RevocationDeadline = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Two_gateways_share_keys_follow_a_rotation_and_end_revoked_sessions_within_a_second()
    {
        var second = await Cluster.StartGateway(); // its logs go to the output with the others'
        await Scenario(Cluster.Api, second.Api);
    }

    private async Task Scenario(SecureAccessApi gateway1, SecureAccessApi gateway2)
    {

        // A token from gateway 1 works at gateway 2, and both publish the same keys.
        var user = await gateway1.Register(People.Fresh());
        var token = await gateway1.SignInFully(user);
        await (await gateway2.Get("/api/v1/account", token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(await Kids(gateway1), await Kids(gateway2));

        // Rotation through gateway 1: new tokens carry the new kid, and gateway 2 verifies them; old ones still pass.
        var rotation = await Operator(gateway1, HttpMethod.Post, "/api/v1/admin/signing-keys/rotate", new JsonObject());
        await rotation.ShouldBe(HttpStatusCode.Accepted);
        var currentKid = (string)(await rotation.Json())["currentKid"]!;
        var rotatedToken = await gateway1.SignInFully(user);
        Assert.Equal(currentKid, new JsonWebToken(rotatedToken).Kid);
        Assert.NotEqual(currentKid, new JsonWebToken(token).Kid);
        await (await gateway2.Get("/api/v1/account", rotatedToken)).ShouldBe(HttpStatusCode.OK);
        await (await gateway2.Get("/api/v1/account", token)).ShouldBe(HttpStatusCode.OK);
        await (await gateway1.Get("/api/v1/account", token)).ShouldBe(HttpStatusCode.OK);
        Assert.Contains(currentKid, await Kids(gateway1));

        // Sign-out at gateway 1 of a token hot at both gateways.
        await Hot(gateway1, token);
        await Hot(gateway2, token);
        await (await gateway1.Delete("/api/v1/sessions/current", token)).ShouldBe(HttpStatusCode.NoContent);
        await (await gateway1.Get("/api/v1/account", token)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        var signOutSeen = await RefusedWithin(gateway2, token);

        // A password change at gateway 1 ends the user's other session, hot at gateway 2.
        var other = rotatedToken;
        var current = await gateway1.SignInFully(user);
        await Hot(gateway1, other);
        await Hot(gateway2, other);
        var change = new HttpRequestMessage(HttpMethod.Post, "/api/v1/account/password")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { currentPassword = user.Password, newPassword = "another long passphrase 42" }),
        };
        change.Headers.Authorization = new AuthenticationHeaderValue("Bearer", current);
        await (await gateway1.Http.SendAsync(change)).ShouldBe(HttpStatusCode.NoContent);
        await (await gateway1.Get("/api/v1/account", other)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        var passwordChangeSeen = await RefusedWithin(gateway2, other);
        await (await gateway2.Get("/api/v1/account", current)).ShouldBe(HttpStatusCode.OK);

        Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Gateway 2 refused the signed-out token {signOutSeen.TotalMilliseconds:0} ms after gateway 1 answered; the password change's ended session {passwordChangeSeen.TotalMilliseconds:0} ms after."));
    }

    /// A few requests, so the token is in the gateway's cache of verified tokens.
    private static async Task Hot(SecureAccessApi gateway, string token)
    {
        for (var i = 0; i < 3; i++) await (await gateway.Get("/api/v1/account", token)).ShouldBe(HttpStatusCode.OK);
    }

    /// Polls until the gateway answers 401; fails if that takes longer than the deadline.
    private static async Task<TimeSpan> RefusedWithin(SecureAccessApi gateway, string token)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await gateway.Get("/api/v1/account", token);
            if (response.StatusCode == HttpStatusCode.Unauthorized) return clock.Elapsed;
            await response.ShouldBe(HttpStatusCode.OK);
            Assert.True(clock.Elapsed <= RevocationDeadline, $"Gateway 2 still accepted the revoked token after {clock.Elapsed.TotalMilliseconds:0} ms.");
            await Task.Delay(20);
        }
    }

    private static async Task<string[]> Kids(SecureAccessApi gateway)
    {
        var jwks = JsonNode.Parse(await (await gateway.Get("/.well-known/jwks.json")).Content.ReadAsStringAsync())!;
        return [.. jwks["keys"]!.AsArray().Select(k => (string)k!["kid"]!).Order(StringComparer.Ordinal)];
    }

    private Task<HttpResponseMessage> Operator(SecureAccessApi gateway, HttpMethod method, string path, JsonNode? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Add("X-Operator-Key", DevelopmentOperatorKey());
        return gateway.Http.SendAsync(request);
    }

    /// The gateway prints the development operator key at start (Development environment).
    private string DevelopmentOperatorKey()
    {
        const string marker = "X-Operator-Key: ";
        var line = Cluster.Gateway!.Output.Split('\n').First(l => l.Contains(marker, StringComparison.Ordinal));
        return line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Trim();
    }
}
