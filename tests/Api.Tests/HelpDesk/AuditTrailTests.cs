using System.Net;
using System.Text.Json.Nodes;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.HelpDesk;

/// SPEC §6: every security event with who, what, when and from where — and no secret.
[Collection(HelpDeskCollection.Name)]
public sealed class AuditTrailTests(HelpDeskFactory factory)
{
    private readonly SecureAccessApi _api = factory.Api();

    [Fact] // audit trail: registration steps, code sends, sign-in success and failure, lockout — in order, from the client's address
    public async Task Registration_and_sign_in_leave_an_ordered_trail_with_time_and_source()
    {
        var email = Unique.Email();
        var id = await _api.StartRegistration(email);
        var user = await _api.Register(People.Fresh());
        await _api.SignIn(user.Username, "a wrong password indeed");
        await _api.SignInFully(user);
        for (var i = 0; i < 5; i++) await _api.SignIn(user.Username, "wrong again " + i);
        await _api.SignIn(user.Username, user.Password);

        var trail = await factory.AuditTrail(user.Username);
        Assert.Equal([
            "registration.credentials-chosen", "code.sent", "registration.completed",
            "sign-in.failed",
            "sign-in.password-accepted", "code.sent", "sign-in.completed",
            "sign-in.failed", "sign-in.failed", "sign-in.failed", "sign-in.failed", "sign-in.failed", "lockout.engaged",
            "sign-in.refused-locked"], trail.Events());
        Assert.All(trail, e =>
        {
            Assert.Equal(user.Username, (string)e!["username"]!);
            Assert.Equal(HelpDeskFactory.ClientAddress, (string)e["source"]!);
        });
        var times = trail.Select(e => DateTimeOffset.Parse((string)e!["at"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);

        // Before a username exists, the registration's own trail (it names the username it ends with).
        var early = await factory.Operator().Get($"/api/v1/admin/audit?registrationId={id}");
        await early.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(["registration.started"], JsonNode.Parse(await early.Content.ReadAsStringAsync())!.AsArray().Events());
    }

    [Fact] // audit trail: imports, the online failure, the help desk's actions with the assistor id — and no secret anywhere
    public async Task Import_and_help_desk_actions_are_audited_with_the_assistor_and_without_secrets()
    {
        var person = People.Fresh();
        var username = Unique.Username("audit.es");
        const string oldPassword = "the audited old password";
        var account = HelpDeskSteps.EServices(person, username, oldPassword, "tds");
        await factory.ImportAsync(HelpDeskSteps.Batch(account));
        await _api.FailOnlineIdentityCheck(person);
        var assistor = factory.Assistor();
        await (await assistor.Post("/api/v1/helpdesk/in-person-verifications", new JsonObject
        {
            ["username"] = username, ["assistorId"] = "tac-assistor-31", ["office"] = "TAC Baltimore MD",
            ["documents"] = new JsonArray(new JsonObject { ["type"] = "military_id", ["number"] = "MIL-555-0199" }, new JsonObject { ["type"] = "passport", ["number"] = "X12345678" }),
        })).ShouldBe(HttpStatusCode.Created);
        var created = await assistor.Post("/api/v1/helpdesk/exception-registrations", new JsonObject
        {
            ["username"] = username, ["assistorId"] = "assistor-9001",
            ["checks"] = new JsonObject { ["emailAccess"] = true, ["currentYearReturn"] = false, ["priorYearReturn"] = true },
        });
        await created.ShouldBe(HttpStatusCode.Created);
        var temporary = (string)(await created.Json())["temporaryPassword"]!;
        await factory.HelpDeskView(username);

        var trail = await factory.AuditTrail(username);
        Assert.Equal(["import.imported", "migration.online-attempt-failed", "helpdesk.in-person-verified", "code.sent", "helpdesk.exception-created", "helpdesk.user-viewed"],
            trail.Events());
        var byEvent = trail.ToDictionary(e => (string)e!["event"]!, e => e!);
        Assert.Contains("tac-assistor-31", (string)byEvent["helpdesk.in-person-verified"]["detail"]!);
        Assert.Contains("assistor-9001", (string)byEvent["helpdesk.exception-created"]["detail"]!);
        Assert.Equal(HelpDeskFactory.AssistorName, (string)byEvent["helpdesk.exception-created"]["actor"]!);
        Assert.Equal(HelpDeskFactory.OperatorName, (string)byEvent["import.imported"]["actor"]!);

        var text = trail.ToJsonString();
        string[] secrets = [oldPassword, (string)account["passwordHash"]!, person.Ssn, person.Ssn.Replace("-", ""), person.AccountNumber,
            "SL0000000000", "MIL-555-0199", "5550199", "X12345678", temporary, HelpDeskFactory.OperatorOnlyKey, TestSettings.OperatorKey, TestSettings.AssistorKey];
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, text));
        // …nor in what the audit grains persisted.
        var stored = string.Join("\n", factory.Storage.Snapshot().Where(r => r.Key.StartsWith("audit/", StringComparison.Ordinal)).Select(r => r.Value));
        Assert.Contains(username, stored);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, stored));
    }

    [Fact] // audit trail: the operator route needs its parameter
    public async Task The_audit_route_names_its_missing_parameter()
    {
        await (await factory.Operator().Get("/api/v1/admin/audit")).ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_request");
    }
}
