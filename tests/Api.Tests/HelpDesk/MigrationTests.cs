using System.Net;
using System.Text.Json.Nodes;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.HelpDesk;

/// SA-17: an imported e-Services account registers through Secure Access, keeping its username;
/// SA-21: only then may its sessions open its products.
[Collection(HelpDeskCollection.Name)]
public sealed class MigrationTests(HelpDeskFactory factory)
{
    private readonly SecureAccessApi _api = factory.Api();

    [Fact] // SA-17, SA-21, SA-10
    public async Task Katherine_migrates_with_a_new_password_and_a_new_phone_and_only_then_opens_her_product()
    {
        await factory.FixtureImport();
        const string newPassword = "Katherine computes orbits 1962";
        var phone = People.Katherine.Phone;

        // Before: the imported account signs in nowhere, so no session can reach a product.
        await (await _api.SignIn(Fixture.Katherine, Fixture.KatherinePassword)).ShouldBeProblem(HttpStatusCode.Conflict, "wrong_step");
        await (await _api.Get("/api/v1/products/tin-matching/access")).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");

        var id = await _api.RegistrationAtCredentials(People.Katherine);
        // The old password cannot be the new one (SA-17: a new password meeting SA-2).
        await (await _api.Credentials(id, Fixture.Katherine, Fixture.KatherinePassword, Fixture.KatherinePassword))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "weak_password");
        // Without the existing password the username is simply taken.
        await (await _api.Credentials(id, Fixture.Katherine, newPassword, null)).ShouldBeProblem(HttpStatusCode.Conflict, "username_taken");
        // A wrong existing password counts toward the lockout like a wrong password (SA-10).
        var failuresBefore = (int)(await factory.HelpDeskView(Fixture.Katherine))["failedAttempts"]!;
        await (await _api.Credentials(id, Fixture.Katherine, newPassword, "Not-Her-Password-9")).ShouldBeProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(failuresBefore + 1, (int)(await factory.HelpDeskView(Fixture.Katherine))["failedAttempts"]!);

        var chosen = await _api.Credentials(id, Fixture.Katherine, newPassword, Fixture.KatherinePassword);
        await chosen.ShouldBe(HttpStatusCode.OK);
        // The phone validated after Letter 5903 does not count: a phone (or the app) must be activated anew.
        Assert.Equal("activate-phone", (string)(await chosen.Json())["step"]!);
        var pending = await factory.HelpDeskView(Fixture.Katherine);
        Assert.Equal("pending", (string)pending["status"]!);
        Assert.False((bool)pending["phoneVerified"]!);
        await (await _api.SignIn(Fixture.Katherine, newPassword)).ShouldBeProblem(HttpStatusCode.Conflict, "wrong_step");

        await (await _api.Post($"/api/v1/registrations/{id}/phone", new JsonObject { ["phoneNumber"] = phone })).ShouldBe(HttpStatusCode.Accepted);
        var done = await _api.Post($"/api/v1/registrations/{id}/phone/confirm", new JsonObject { ["code"] = await _api.LatestCode(phone) });
        await done.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("complete", (string)(await done.Json())["step"]!);

        // After: two-factor sign-in with the new password; the product she holds opens, the other does not.
        var token = await _api.SignInWithSms(Fixture.Katherine, newPassword, phone);
        var account = await (await _api.Get("/api/v1/account", token)).Json();
        Assert.Equal(["tin-matching"], account["products"]!.AsArray().Select(p => (string)p!));
        var access = await _api.Get("/api/v1/products/tin-matching/access", token);
        await access.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(Fixture.Katherine, (string)(await access.Json())["username"]!);
        await (await _api.Get("/api/v1/products/tds/access", token)).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        await (await _api.SignIn(Fixture.Katherine, Fixture.KatherinePassword)).ShouldBeProblem(HttpStatusCode.Unauthorized, "invalid_credentials");

        // Each step is in her audit trail, and no secret is.
        var trail = await factory.AuditTrail(Fixture.Katherine);
        string[] expected = ["import.imported", "sign-in.failed", "migration.refused", "migration.started", "registration.credentials-chosen",
            "code.sent", "registration.completed", "sign-in.password-accepted", "sign-in.completed", "product.access-granted", "product.access-refused"];
        Assert.All(expected, e => Assert.Contains(e, trail.Events()));
        var text = trail.ToJsonString();
        string[] secrets = [Fixture.KatherinePassword, newPassword, "Not-Her-Password-9", People.Katherine.Ssn, People.Katherine.Ssn.Replace("-", ""), People.Katherine.AccountNumber];
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, text));
    }

    [Fact] // SA-17: a phone validated by a help-desk call after Letter 5903 does not count
    public async Task A_phone_validated_after_Letter_5903_does_not_count_and_the_migration_must_activate_one()
    {
        var person = People.Fresh();
        var username = Unique.Username("letter.es");
        var account = HelpDeskSteps.EServices(person, username, "old e-services pass 5903", "tds");
        Assert.True((bool)account["phoneValidatedByLetter5903"]!);
        await factory.ImportAsync(HelpDeskSteps.Batch(account));
        Assert.False((bool)(await factory.HelpDeskView(username))["phoneVerified"]!);

        var id = await _api.RegistrationAtCredentials(person);
        var chosen = await _api.Credentials(id, username, "a new passphrase for 5903", "old e-services pass 5903");
        await chosen.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("activate-phone", (string)(await chosen.Json())["step"]!);
        await (await _api.SignIn(username, "a new passphrase for 5903")).ShouldBeProblem(HttpStatusCode.Conflict, "wrong_step");
    }

    [Fact] // SA-17 + SA-11: an existing password for a username that was never imported is refused like a wrong password
    public async Task An_existing_password_for_a_username_that_was_not_imported_is_refused_like_a_wrong_password()
    {
        var id = await _api.RegistrationAtCredentials(People.Fresh());
        await (await _api.Credentials(id, Unique.Username("never"), "a brand new passphrase", "some old password"))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact] // SA-17: the registration's verified identity must be the imported account's SSN
    public async Task The_right_existing_password_with_another_persons_identity_is_refused()
    {
        var (owner, stranger) = (People.Fresh(), People.Fresh());
        var username = Unique.Username("owned.es");
        await factory.ImportAsync(HelpDeskSteps.Batch(HelpDeskSteps.EServices(owner, username, "the owner's old pass", "tds")));

        var id = await _api.RegistrationAtCredentials(stranger);
        await (await _api.Credentials(id, username, "the stranger's new pass", "the owner's old pass"))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "identity_not_verified");
        Assert.Equal("imported", (string)(await factory.HelpDeskView(username))["status"]!);
    }

    [Fact] // SA-21: products need the product; an unknown product is 404; no token is 401
    public async Task A_new_user_without_the_product_is_refused_and_an_unknown_product_is_not_found()
    {
        var user = await _api.Register(People.Fresh());
        var token = await _api.SignInFully(user);
        await (await _api.Get("/api/v1/products/tin-matching/access", token)).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        await (await _api.Get("/api/v1/products/payroll/access", token)).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        await (await _api.Get("/api/v1/products/tds/access")).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
