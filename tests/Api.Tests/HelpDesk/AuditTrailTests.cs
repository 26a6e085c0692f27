using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SecureAccess.Audit;
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

    [Fact] // issue 11: 2,000 anonymous failures later, the lock and the password change are still in the trail
    public async Task Security_events_outlast_a_flood_of_anonymous_failures()
    {
        var user = await _api.Register(People.Fresh());
        var token = await _api.SignInFully(user);
        await (await _api.Call(HttpMethod.Post, "/api/v1/account/password", token, new JsonObject { ["currentPassword"] = user.Password, ["newPassword"] = "a changed passphrase 4 tests" }))
            .ShouldBe(HttpStatusCode.NoContent);
        for (var i = 0; i < 5; i++) await _api.SignIn(user.Username, "wrong again " + i);

        // The noise an attacker's sources leave on the name (each a failed attempt from elsewhere).
        var trail = factory.Services.GetRequiredService<IClusterClient>().GetGrain<IAuditLogGrain>(user.Username);
        var start = factory.Clock.GetUtcNow();
        for (var n = 1; n <= 2_000; n++)
            await trail.Append(new AuditEvent(start.AddMilliseconds(n), AuditEvents.SignInFailed, user.Username, $"198.51.100.{n % 250}", "wrong password"));

        var listed = await factory.AuditTrail(user.Username);
        var events = listed.Events();
        Assert.Equal(AuditEvents.PasswordChanged, events[0]); // the window's 500 are all noise; the rest was kept apart
        Assert.Equal(AuditEvents.LockoutEngaged, events[1]);
        Assert.Equal(502, events.Count);
        Assert.All(events.Skip(2), e => Assert.Equal(AuditEvents.SignInFailed, e));
        Assert.Equal("wrong password", (string)listed[^1]!["detail"]!);
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
