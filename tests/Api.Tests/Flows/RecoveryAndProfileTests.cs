using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SecureAccess.Testing;
using SecureAccess.Users;

namespace SecureAccess.Api.Tests.Flows;

[Collection(ApiCollection.Name)]
public sealed class RecoveryAndProfileTests(ApiFactory factory)
{
    private readonly SecureAccessApi _api = factory.Api();

    private static async Task<string> Shape(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (text.Length == 0) return "";
        var body = JsonNode.Parse(text)!.AsObject();
        return string.Join(",", body.Select(p => p.Key + ":" + p.Value?.GetValueKind()).Order());
    }

    [Fact] // SA-13: the same status and body shape for a known and an unknown username
    public async Task Password_recovery_answers_alike_for_known_and_unknown_usernames()
    {
        var user = await _api.Register(People.Fresh());
        var known = await _api.Post("/api/v1/recovery/password", new JsonObject { ["username"] = user.Username });
        var unknown = await _api.Post("/api/v1/recovery/password", new JsonObject { ["username"] = Unique.Username("nobody") });
        await known.ShouldBe(HttpStatusCode.Accepted);
        await unknown.ShouldBe(HttpStatusCode.Accepted);
        Assert.Equal(await Shape(known), await Shape(unknown));
        Assert.Equal((string?)(await known.Json())["method"], (string?)(await unknown.Json())["method"]);

        // A wrong code answers alike too.
        var knownVerify = await _api.Post($"/api/v1/recovery/password/{(await known.Json())["challengeId"]}/verify", new JsonObject { ["code"] = "000000" });
        var unknownVerify = await _api.Post($"/api/v1/recovery/password/{(await unknown.Json())["challengeId"]}/verify", new JsonObject { ["code"] = "000000" });
        Assert.Equal(knownVerify.StatusCode, unknownVerify.StatusCode);
        Assert.Equal(await Shape(knownVerify), await Shape(unknownVerify));
    }

    [Fact] // SA-13, issue 11: the answer does the same work for a known and an unknown name; the rest follows it
    public async Task Password_recovery_answers_before_any_known_user_work()
    {
        var user = await _api.Register(People.Fresh());
        var cluster = factory.Services.GetRequiredService<IClusterClient>();
        var smsBefore = (await _api.Outbox(user.Phone)).Count;
        var auditBefore = factory.Storage.ChangesWhere(k => k.StartsWith("audit", StringComparison.Ordinal));

        // The known user's own row cannot be written while held: the answer must not wait for it.
        using (factory.Storage.HoldWrites("user", cluster.GetGrain<IUserGrain>(user.Username).GetGrainId()))
        {
            var before = factory.Storage.TotalChanges;
            var known = await _api.Post("/api/v1/recovery/password", new JsonObject { ["username"] = user.Username });
            await known.ShouldBe(HttpStatusCode.Accepted);
            var knownWork = factory.Storage.TotalChanges - before;

            before = factory.Storage.TotalChanges;
            var unknown = await _api.Post("/api/v1/recovery/password", new JsonObject { ["username"] = Unique.Username("nobody") });
            await unknown.ShouldBe(HttpStatusCode.Accepted);
            Assert.Equal(factory.Storage.TotalChanges - before, knownWork); // one challenge write each
            Assert.Equal(1, knownWork);
            Assert.Equal(smsBefore, (await _api.Outbox(user.Phone)).Count); // nothing sent yet
        }

        // Released, the known user's side follows inside the grain: the SMS and the audit record.
        var code = await _api.NextCode(user.Phone, smsBefore);
        Assert.Equal(6, code.Length);
        Assert.True(factory.Storage.ChangesWhere(k => k.StartsWith("audit", StringComparison.Ordinal)) > auditBefore);
    }

    [Fact] // SA-14, issue 11: the answer does not wait for the lookup or the send; the mail follows it
    public async Task Username_recovery_answers_before_any_work_for_the_address()
    {
        var user = await _api.Register(People.Fresh());
        var index = factory.Services.GetRequiredService<IClusterClient>().GetGrain<Recovery.IEmailIndexGrain>(user.Email.ToLowerInvariant());
        var mailsBefore = (await _api.Outbox(user.Email)).Count;
        Task busy;

        // The address's grain is kept busy (its own write held), so an answer that waited for it could not come.
        using (factory.Storage.HoldWrites("emailindex", index.GetGrainId()))
        {
            busy = index.Add(Unique.Username("second"));
            var answer = _api.Post("/api/v1/recovery/username", new JsonObject { ["email"] = user.Email });
            Assert.Same(answer, await Task.WhenAny(answer, busy, Task.Delay(TimeSpan.FromSeconds(30)))); // a bound for the failure case only
            await (await answer).ShouldBe(HttpStatusCode.Accepted);
            Assert.False(busy.IsCompleted);
            Assert.Equal(mailsBefore, (await _api.Outbox(user.Email)).Count); // nothing sent yet
        }

        await busy;
        Assert.Contains(user.Username, await _api.NextCode(user.Email, mailsBefore)); // released, the reminder follows
    }

    [Fact] // SA-14: 202 whether or not the address is known; the username is mailed when it is
    public async Task Username_recovery_answers_alike_and_mails_the_username()
    {
        var user = await _api.Register(People.Fresh());
        var mailsBefore = (await _api.Outbox(user.Email)).Count;
        var known = await _api.Post("/api/v1/recovery/username", new JsonObject { ["email"] = user.Email });
        var unknown = await _api.Post("/api/v1/recovery/username", new JsonObject { ["email"] = Unique.Email("stranger") });
        await known.ShouldBe(HttpStatusCode.Accepted);
        await unknown.ShouldBe(HttpStatusCode.Accepted);
        Assert.Equal(await Shape(known), await Shape(unknown));
        Assert.Equal(user.Username, await _api.NextCode(user.Email, mailsBefore)); // sent after the answer (issue 11)
    }

    [Fact] // SA-12, SA-13: recovery → temporary password by email → its session may only change the password
    public async Task A_session_from_a_temporary_password_can_only_change_the_password()
    {
        var user = await _api.Register(People.Fresh());
        var sent = (await _api.Outbox(user.Phone)).Count;
        var recovery = await (await _api.Post("/api/v1/recovery/password", new JsonObject { ["username"] = user.Username })).Json();
        await (await _api.Post($"/api/v1/recovery/password/{recovery["challengeId"]}/verify", new JsonObject { ["code"] = await _api.NextCode(user.Phone, sent) }))
            .ShouldBe(HttpStatusCode.Accepted);
        var temporary = await _api.LatestCode(user.Email);

        factory.Clock.Advance(TimeSpan.FromMinutes(2)); // SA-6: one SMS a minute
        var challenge = await _api.SignIn(user.Username, temporary);
        await challenge.ShouldBe(HttpStatusCode.OK);
        Assert.True((bool)(await challenge.Json())["passwordChangeRequired"]!);
        var token = (string)(await (await _api.Post($"/api/v1/sessions/{(await challenge.Json())["challengeId"]}/verify",
            new JsonObject { ["code"] = await _api.LatestCode(user.Phone) })).Json())["accessToken"]!;

        await (await _api.Get("/api/v1/account", token)).ShouldBeProblem(HttpStatusCode.Forbidden, "password_change_required");
        var changed = await Authorized(HttpMethod.Post, "/api/v1/account/password", token, new JsonObject { ["newPassword"] = "chosen after recovery" });
        await changed.ShouldBe(HttpStatusCode.NoContent);
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.NotEmpty(await _api.SignInFully(user with { Password = "chosen after recovery" }));
    }

    [Fact] // SA-16: other sessions end — their tokens answer 401
    public async Task Changing_the_password_ends_the_other_sessions()
    {
        var user = await _api.Register(People.Fresh());
        var mine = await _api.SignInFully(user);
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var other = await _api.SignInFully(user);

        await (await Authorized(HttpMethod.Post, "/api/v1/account/password", mine, new JsonObject { ["newPassword"] = "another fine passphrase" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_request"); // currentPassword required here
        await (await Authorized(HttpMethod.Post, "/api/v1/account/password", mine,
            new JsonObject { ["currentPassword"] = user.Password, ["newPassword"] = "another fine passphrase" })).ShouldBe(HttpStatusCode.NoContent);

        await (await _api.Get("/api/v1/account", mine)).ShouldBe(HttpStatusCode.OK);
        await (await _api.Get("/api/v1/account", other)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact] // SA-15 over HTTP: both codes, 204; the old number is free afterwards
    public async Task A_phone_change_needs_both_codes()
    {
        var user = await _api.Register(People.Fresh());
        var token = await _api.SignInFully(user);
        var newPhone = user.Person.SecondPhone; // SA-15 holds SA-7: a number tied to the user's name
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var started = await Authorized(HttpMethod.Post, "/api/v1/account/phone-change", token, new JsonObject { ["newPhoneNumber"] = newPhone });
        await started.ShouldBe(HttpStatusCode.Accepted);
        var changeId = (string)(await started.Json())["changeId"]!;
        var oldCode = await _api.LatestCode(user.Phone);
        var newCode = await _api.LatestCode(newPhone);

        await (await Authorized(HttpMethod.Post, $"/api/v1/account/phone-change/{changeId}/confirm", token,
            new JsonObject { ["oldCode"] = newCode == oldCode ? "000000" : newCode, ["newCode"] = newCode })).ShouldBeProblem(HttpStatusCode.Unauthorized, "invalid_code");
        await (await Authorized(HttpMethod.Post, $"/api/v1/account/phone-change/{changeId}/confirm", token,
            new JsonObject { ["oldCode"] = oldCode, ["newCode"] = newCode })).ShouldBe(HttpStatusCode.NoContent);

        var account = await (await _api.Get("/api/v1/account", token)).Json();
        Assert.EndsWith(newPhone[^2..], (string)account["maskedPhone"]!);
        Assert.Null(await factory.Cluster.GetGrain<SecureAccess.Phones.IPhoneNumberGrain>(user.Phone).GetOwner());
    }

    [Fact] // SA-6: resends are limited — 429 with Retry-After; 423 while locked
    public async Task Resending_a_security_code_is_rate_limited()
    {
        var user = await _api.Register(People.Fresh());
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var challengeId = (string)(await (await _api.SignIn(user.Username, user.Password)).Json())["challengeId"]!;
        await (await _api.Post($"/api/v1/sessions/{challengeId}/resend", new JsonObject())).ShouldBe(HttpStatusCode.Accepted);
        var limited = await _api.Post($"/api/v1/sessions/{challengeId}/resend", new JsonObject());
        await limited.ShouldBeProblem(HttpStatusCode.TooManyRequests, "too_many_requests");
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);

        for (var i = 0; i < 5; i++) await _api.SignIn(user.Username, "not the password " + i);
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await (await _api.Post($"/api/v1/sessions/{challengeId}/resend", new JsonObject())).ShouldBeProblem(HttpStatusCode.Locked, "account_locked");
        Assert.NotNull((await factory.Cluster.GetGrain<IUserGrain>(user.Username).GetSummary()).LockedUntil);
    }

    private Task<HttpResponseMessage> Authorized(HttpMethod method, string path, string token, JsonNode body)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return _api.Http.SendAsync(request);
    }
}
