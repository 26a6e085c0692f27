using System.Net;
using System.Text.Json.Nodes;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.Flows;

/// SA-7 and SA-8 end to end over HTTP: register → letter → operator print batch → letter code →
/// authenticator enrolment → sign-in with an app code made by an independent implementation.
[Collection(ApiCollection.Name)]
public sealed class MailAndAppFlowTests(ApiFactory factory)
{
    private readonly SecureAccessApi _api = factory.Api();

    [Fact] // SA-7, SA-8, SA-9
    public async Task A_registrant_without_a_phone_finishes_by_mail_and_signs_in_with_the_app()
    {
        var username = Unique.Username("mail");
        const string password = "letters take ten days";
        var id = await _api.RegisterUpToPhone(People.Fresh(), username, password, Unique.Email());

        var letter = await _api.Post($"/api/v1/registrations/{id}/activation-letter", new JsonObject());
        await letter.ShouldBe(HttpStatusCode.Accepted);
        var letterBody = await letter.Json();
        Assert.Equal("await-letter", (string)letterBody["step"]!);
        var today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(SecureAccess.Letters.BusinessDays.Add(today, 10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), (string)letterBody["expectedBy"]!);

        // The operator prints the pending batch and marks the letter mailed.
        var batch = await Operator(HttpMethod.Get, "/api/v1/admin/letters?status=pending");
        await batch.ShouldBe(HttpStatusCode.OK);
        var printed = JsonNode.Parse(await batch.Content.ReadAsStringAsync())!.AsArray().Single(l => (string)l!["username"]! == username)!;
        var code = (string)printed["code"]!;
        Assert.Equal(code, await _api.LatestCode(username)); // the same letter, also in the outbox
        Assert.NotNull(printed["address"]!["line1"]);
        await (await Operator(HttpMethod.Post, $"/api/v1/admin/letters/{printed["letterId"]}/mailed")).ShouldBe(HttpStatusCode.NoContent);
        var after = JsonNode.Parse(await (await Operator(HttpMethod.Get, "/api/v1/admin/letters?status=pending")).Content.ReadAsStringAsync())!.AsArray();
        Assert.DoesNotContain(after, l => (string)l!["username"]! == username);

        // Days later the registrant types the code and enrols the app.
        factory.Clock.Advance(TimeSpan.FromDays(6));
        var confirmed = await _api.Post($"/api/v1/registrations/{id}/activation-letter/confirm", new JsonObject { ["code"] = code });
        await confirmed.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("choose-second-factor", (string)(await confirmed.Json())["step"]!);

        var enrolment = await _api.Post($"/api/v1/registrations/{id}/authenticator", new JsonObject { ["deviceId"] = "phone-app-" + username });
        await enrolment.ShouldBe(HttpStatusCode.Created);
        var enrolled = await enrolment.Json();
        var secret = (string)enrolled["secret"]!;
        Assert.StartsWith("otpauth://totp/SecureAccess:", (string)enrolled["otpauthUri"]!);
        var done = await _api.Post($"/api/v1/registrations/{id}/authenticator/confirm",
            new JsonObject { ["code"] = Oathtool.Code(secret, factory.Clock.GetUtcNow()) });
        await done.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("complete", (string)(await done.Json())["step"]!);

        // Sign in: password, then the app's code for a later 30-second step.
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var challenge = await _api.SignIn(username, password);
        await challenge.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("app", (string)(await challenge.Json())["method"]!);
        var appCode = Oathtool.Code(secret, factory.Clock.GetUtcNow());
        var verified = await _api.Post($"/api/v1/sessions/{(await challenge.Json())["challengeId"]}/verify", new JsonObject { ["code"] = appCode });
        await verified.ShouldBe(HttpStatusCode.OK);
        var account = await (await _api.Get("/api/v1/account", (string)(await verified.Json())["accessToken"]!)).Json();
        Assert.True((bool)account["authenticatorEnrolled"]!);
    }

    [Fact] // API.md: a second user enrolling a device that has an owner gets 409 device_in_use
    public async Task Enrolling_a_device_someone_owns_is_409_device_in_use()
    {
        async Task<string> AtSecondFactor()
        {
            var username = Unique.Username("dev");
            var id = await _api.RegisterUpToPhone(People.Fresh(), username, "second factor please", Unique.Email());
            await (await _api.Post($"/api/v1/registrations/{id}/activation-letter", new JsonObject())).ShouldBe(HttpStatusCode.Accepted);
            await (await _api.Post($"/api/v1/registrations/{id}/activation-letter/confirm", new JsonObject { ["code"] = await _api.LatestCode(username) })).ShouldBe(HttpStatusCode.OK);
            return id;
        }
        var device = "one-device-" + Unique.Next();
        var first = await AtSecondFactor();
        var secret = (string)(await (await _api.Post($"/api/v1/registrations/{first}/authenticator", new JsonObject { ["deviceId"] = device })).Json())["secret"]!;
        await (await _api.Post($"/api/v1/registrations/{first}/authenticator/confirm",
            new JsonObject { ["code"] = Oathtool.Code(secret, factory.Clock.GetUtcNow()) })).ShouldBe(HttpStatusCode.OK);

        var second = await AtSecondFactor();
        await (await _api.Post($"/api/v1/registrations/{second}/authenticator", new JsonObject { ["deviceId"] = device }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "device_in_use");
    }

    private Task<HttpResponseMessage> Operator(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Operator-Key", TestSettings.OperatorKey);
        if (method == HttpMethod.Post) request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        return _api.Http.SendAsync(request);
    }
}
