using System.Net;
using System.Text.Json.Nodes;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.HelpDesk;

/// SA-18: an e-Services and a personal account with the same SSN become one identity.
[Collection(HelpDeskCollection.Name)]
public sealed class MergeTests(HelpDeskFactory factory)
{
    private readonly SecureAccessApi _api = factory.Api();

    [Fact] // SA-18: the e-Services username, the personal account's password, its carried-over phone
    public async Task Grace_signs_in_as_jhopper_es_with_her_personal_password_and_her_carried_over_phone()
    {
        await factory.FixtureImport();

        var challenge = await _api.SignIn(Fixture.GraceEServices, Fixture.GracePersonalPassword);
        await challenge.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("sms", (string)(await challenge.Json())["method"]!);
        var code = await _api.LatestCode(Fixture.GracePhone); // the SMS went to the personal account's phone
        var verified = await _api.Post($"/api/v1/sessions/{(await challenge.Json())["challengeId"]}/verify", new JsonObject { ["code"] = code });
        await verified.ShouldBe(HttpStatusCode.OK);
        var token = (string)(await verified.Json())["accessToken"]!;

        var account = await (await _api.Get("/api/v1/account", token)).Json();
        Assert.Equal(Fixture.GraceEServices, (string)account["username"]!);
        Assert.EndsWith("42", (string)account["maskedPhone"]!);
        Assert.Equal(["tin-matching", "tds"], account["products"]!.AsArray().Select(p => (string)p!));
        // SA-21: the merged identity is a Secure Access account holding the e-Services products.
        await (await _api.Get("/api/v1/products/tin-matching/access", token)).ShouldBe(HttpStatusCode.OK);
        await (await _api.Get("/api/v1/products/tds/access", token)).ShouldBe(HttpStatusCode.OK);

        var view = await factory.HelpDeskView(Fixture.GraceEServices);
        Assert.True((bool)view["phoneVerified"]!);
        Assert.Equal(Fixture.GracePersonal, (string)view["existingAccount"]!["mergedFrom"]!);
    }

    [Fact] // SA-18 + SA-14: a forgotten-username email names the merged identity, not the username that signs in no more
    public async Task A_username_reminder_names_only_the_e_services_username_after_the_merge()
    {
        await factory.FixtureImport();
        const string email = "grace.hopper@example.test";

        var mailsBefore = (await _api.Outbox(email)).Count;
        await (await _api.Post("/api/v1/recovery/username", new JsonObject { ["email"] = email })).ShouldBe(HttpStatusCode.Accepted);
        await _api.NextCode(email, mailsBefore); // the reminder is sent after the answer (issue 11)

        var reminder = (await _api.Outbox(email)).Last(m => ((string)m!["subject"]!).Contains("username", StringComparison.OrdinalIgnoreCase))!;
        var body = (string)reminder["body"]!;
        Assert.Contains(Fixture.GraceEServices, body, StringComparison.Ordinal);
        Assert.DoesNotContain(Fixture.GracePersonal, body, StringComparison.Ordinal);
    }

    [Fact] // SA-18 + SA-11: the personal username answers exactly like a wrong password, and the failure counts
    public async Task The_personal_username_no_longer_signs_in_and_answers_like_a_wrong_password()
    {
        await factory.FixtureImport();
        var before = (int)(await factory.HelpDeskView(Fixture.GracePersonal))["failedAttempts"]!;

        var merged = await _api.SignIn(Fixture.GracePersonal, Fixture.GracePersonalPassword);
        var unknown = await _api.SignIn(Unique.Username("nobody"), Fixture.GracePersonalPassword);
        await merged.ShouldBeProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
        var (mergedBody, unknownBody) = (await merged.Json(), await unknown.Json());
        mergedBody.Remove("traceId");
        unknownBody.Remove("traceId");
        Assert.Equal(unknownBody.ToJsonString(), mergedBody.ToJsonString());

        Assert.Equal(before + 1, (int)(await factory.HelpDeskView(Fixture.GracePersonal))["failedAttempts"]!);
        await (await _api.Post("/api/v1/registrations/resume", new JsonObject { ["username"] = Fixture.GracePersonal, ["password"] = Fixture.GracePersonalPassword }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact] // SA-18: the old e-Services password opens nothing after the merge
    public async Task The_old_e_services_password_no_longer_signs_in_after_the_merge()
    {
        await factory.FixtureImport();
        await (await _api.SignIn(Fixture.GraceEServices, Fixture.GraceEServicesPassword)).ShouldBeProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
        await _api.SignInWithSms(Fixture.GraceEServices, Fixture.GracePersonalPassword, Fixture.GracePhone); // resets the counter again
    }

    [Fact] // SA-18 + SA-4d: the merged account is Grace's one Secure Access identity
    public async Task Grace_cannot_register_a_second_identity()
    {
        await factory.FixtureImport();
        var email = Unique.Email();
        var id = await _api.StartRegistration(email);
        await (await _api.Post($"/api/v1/registrations/{id}/email/confirm", new JsonObject { ["code"] = await _api.LatestCode(email) })).ShouldBe(HttpStatusCode.OK);
        await (await _api.Post($"/api/v1/registrations/{id}/identity", People.Grace.IdentityBody()))
            .ShouldBeProblem(HttpStatusCode.Conflict, "identity_already_registered");
    }

    [Fact] // SA-18: the merge happens whichever account is imported first (here the personal one, in an earlier batch)
    public async Task The_accounts_merge_when_the_personal_one_is_imported_first()
    {
        var (person, relative) = People.FreshFamily();
        var (eServices, personal, phone) = (Unique.Username("later.es"), Unique.Username("early-pa"), person.FamilyPhone);
        const string personalPassword = "personal account pass 77";

        var first = await factory.ImportAsync(HelpDeskSteps.Batch(HelpDeskSteps.Personal(person, personal, personalPassword, phone)));
        Assert.Equal(0, (int)first["merged"]!);
        await _api.SignInWithSms(personal, personalPassword, phone); // a working personal account until the merge

        var second = await factory.ImportAsync(HelpDeskSteps.Batch(HelpDeskSteps.EServices(person, eServices, "e-services pass 77", "tds")));
        Assert.Equal(1, (int)second["imported"]!);
        Assert.Equal(1, (int)second["merged"]!);

        var token = await _api.SignInWithSms(eServices, personalPassword, phone);
        await (await _api.Get("/api/v1/products/tds/access", token)).ShouldBe(HttpStatusCode.OK);
        await (await _api.SignIn(personal, personalPassword)).ShouldBeProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal("merged", (string)(await factory.HelpDeskView(personal))["status"]!);

        // SA-5: the phone followed the identity — a newcomer cannot take it.
        var newcomer = await _api.RegistrationAtCredentials(relative); // the records list the number for both (SA-7)
        await (await _api.Credentials(newcomer, Unique.Username(), "a newcomer's passphrase", null)).ShouldBe(HttpStatusCode.OK);
        await (await _api.Post($"/api/v1/registrations/{newcomer}/phone", new JsonObject { ["phoneNumber"] = phone }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "phone_in_use");
    }
}
