using System.Net;
using System.Text.Json.Nodes;
using SecureAccess.Api.Tests.HelpDesk;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.Journeys;

/// Issue 14, journey 4 (SA-17, SA-19): the imported e-Services user who forgot the old password.
/// A wrong old password is the failed online attempt the help desk asks for; password recovery emails
/// a code to the address on record, which stands in for the old password at the migration step.
[Collection(JourneysCollection.Name)]
public sealed class ForgottenOldPasswordTests(HelpDeskFactory factory)
{
    private readonly SecureAccessApi _api = factory.Api();

    private static JsonObject Credentials(string username, string password, string? existingPassword = null, string? recoveryCode = null) => new()
    {
        ["username"] = username, ["password"] = password, ["existingPassword"] = existingPassword, ["recoveryCode"] = recoveryCode,
    };

    [Fact] // SA-19: a wrong old password is a recorded failed online attempt, so the help desk may proceed
    public async Task A_wrong_old_password_is_the_failed_online_attempt_the_help_desk_needs()
    {
        var person = People.Fresh();
        var username = Unique.Username("forgot.es");
        await factory.ImportAsync(HelpDeskSteps.Batch(HelpDeskSteps.EServices(person, username, "the password I forgot")));
        Assert.Null((await factory.HelpDeskView(username))["existingAccount"]!["onlineAttemptFailedAt"]);

        var id = await _api.RegistrationAtCredentials(person);
        await (await _api.Post($"/api/v1/registrations/{id}/credentials", Credentials(username, "a brand new passphrase", existingPassword: "my best guess 123")))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "invalid_credentials");

        var view = await factory.HelpDeskView(username);
        Assert.NotNull(view["existingAccount"]!["onlineAttemptFailedAt"]);
        Assert.Equal(1, (int)view["failedAttempts"]!); // and it still counts toward the lockout (SA-10)
        var created = await factory.Assistor().Post("/api/v1/helpdesk/exception-registrations", new JsonObject
        {
            ["username"] = username, ["assistorId"] = "A-2001",
            ["checks"] = new JsonObject { ["emailAccess"] = true, ["currentYearReturn"] = true, ["priorYearReturn"] = true },
        });
        await created.ShouldBe(HttpStatusCode.Created); // no longer online_attempt_required
    }

    [Fact] // SA-17: recovery emails a code to the address on record; it sets the new password at the migration step
    public async Task Password_recovery_lets_an_imported_user_register_without_the_old_password()
    {
        var person = People.Fresh();
        var username = Unique.Username("reset.es");
        await factory.ImportAsync(HelpDeskSteps.Batch(HelpDeskSteps.EServices(person, username, "the password I forgot", "tin-matching")));
        var emailOnRecord = $"{username}@example.test";

        // The answer is the one every username gets (SA-13); the code goes by email, nothing by SMS.
        var recovery = await _api.Post("/api/v1/recovery/password", new JsonObject { ["username"] = username });
        await recovery.ShouldBe(HttpStatusCode.Accepted);
        Assert.NotNull((string?)(await recovery.Json())["challengeId"]);
        var mail = (await _api.Outbox(emailOnRecord)).Single();
        var code = (string)mail!["code"]!;
        Assert.Equal(8, code.Length);
        Assert.Contains(username, (string)mail["body"]!);

        var id = await _api.RegistrationAtCredentials(person);
        const string chosen = "a brand new passphrase for 2026";
        var wrong = code == "00000000" ? "11111111" : "00000000";
        await (await _api.Post($"/api/v1/registrations/{id}/credentials", Credentials(username, chosen, existingPassword: "x", recoveryCode: code)))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_request");
        await (await _api.Post($"/api/v1/registrations/{id}/credentials", Credentials(username, chosen, recoveryCode: wrong)))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "invalid_code");
        var accepted = await _api.Post($"/api/v1/registrations/{id}/credentials", Credentials(username, chosen, recoveryCode: code));
        await accepted.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("activate-phone", (string)(await accepted.Json())["step"]!);

        await (await _api.Post($"/api/v1/registrations/{id}/phone", new JsonObject { ["phoneNumber"] = person.Phone })).ShouldBe(HttpStatusCode.Accepted);
        await (await _api.Post($"/api/v1/registrations/{id}/phone/confirm", new JsonObject { ["code"] = await _api.LatestCode(person.Phone) })).ShouldBe(HttpStatusCode.OK);
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var token = await _api.SignInWithSms(username, chosen, person.Phone);
        await (await _api.Get("/api/v1/products/tin-matching/access", token)).ShouldBe(HttpStatusCode.OK);
        // The old password opens nothing any more, and the code was good once.
        await (await _api.SignIn(username, "the password I forgot")).ShouldBeProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact] // SA-17: the code dies after its hour
    public async Task The_recovery_code_is_dead_after_an_hour()
    {
        var person = People.Fresh();
        var username = Unique.Username("slow.es");
        await factory.ImportAsync(HelpDeskSteps.Batch(HelpDeskSteps.EServices(person, username, "the password I forgot")));
        await (await _api.Post("/api/v1/recovery/password", new JsonObject { ["username"] = username })).ShouldBe(HttpStatusCode.Accepted);
        var code = await _api.LatestCode($"{username}@example.test");
        var id = await _api.RegistrationAtCredentials(person);
        factory.Clock.Advance(TimeSpan.FromHours(1));
        await (await _api.Post($"/api/v1/registrations/{id}/credentials", Credentials(username, "a brand new passphrase", recoveryCode: code)))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "invalid_code");
    }
}
