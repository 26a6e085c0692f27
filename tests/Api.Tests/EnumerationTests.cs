using System.Net;
using System.Text.Json.Nodes;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class EnumerationTests(ApiFactory factory)
{
    private readonly SecureAccessApi _api = factory.Api();

    /// The body without its per-request trace id.
    private static async Task<string> Comparable(HttpResponseMessage response)
    {
        var body = await response.Json();
        body.Remove("traceId");
        return body.ToJsonString();
    }

    [Fact] // SA-11
    public async Task Unknown_username_and_wrong_password_answer_identically()
    {
        var user = await _api.Register(People.Fresh());
        var wrong = await _api.SignIn(user.Username, "definitely wrong password");
        var unknown = await _api.SignIn(Unique.Username("nobody"), "definitely wrong password");

        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(await Comparable(wrong), await Comparable(unknown));
        Assert.Equal(wrong.Content.Headers.ContentType?.ToString(), unknown.Content.Headers.ContentType?.ToString());
    }

    [Fact] // SA-11: both lock after 5, with the same answer
    public async Task Unknown_and_known_usernames_both_lock_after_five_failures_alike()
    {
        var user = await _api.Register(People.Fresh());
        var unknown = Unique.Username("nobody");
        for (var i = 0; i < 5; i++)
        {
            await (await _api.SignIn(user.Username, "wrong " + i + " password")).ShouldBeProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
            await (await _api.SignIn(unknown, "wrong " + i + " password")).ShouldBeProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
        }
        var knownLocked = await _api.SignIn(user.Username, user.Password);
        var unknownLocked = await _api.SignIn(unknown, "anything at all here");
        await knownLocked.ShouldBeProblem(HttpStatusCode.Locked, "account_locked");
        await unknownLocked.ShouldBeProblem(HttpStatusCode.Locked, "account_locked");
        Assert.Equal((await knownLocked.Json()).Select(p => p.Key).Order(), (await unknownLocked.Json()).Select(p => p.Key).Order());
        Assert.Equal(knownLocked.Headers.RetryAfter, unknownLocked.Headers.RetryAfter);
    }
}
