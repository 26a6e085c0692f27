using System.Net;
using System.Text.Json.Nodes;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.HelpDesk;

/// SA-19 (exception process by phone) and SA-20 (in person at a Taxpayer Assistance Center).
[Collection(HelpDeskCollection.Name)]
public sealed class ExceptionProcessTests(HelpDeskFactory factory)
{
    private readonly SecureAccessApi _api = factory.Api();

    private static JsonObject Exception(string username, bool checks = true) => new()
    {
        ["username"] = username, ["assistorId"] = "assistor-0042",
        ["checks"] = new JsonObject { ["emailAccess"] = true, ["currentYearReturn"] = checks, ["priorYearReturn"] = true },
    };

    private static JsonObject InPerson(string username, string type1 = "drivers_license", string type2 = "passport", int count = 2)
    {
        JsonNode[] documents = [new JsonObject { ["type"] = type1, ["number"] = "D123-4567-8901" }, new JsonObject { ["type"] = type2, ["number"] = "P98765432" }];
        return new JsonObject
        {
            ["username"] = username, ["assistorId"] = "tac-assistor-7", ["office"] = "TAC Springfield IL",
            ["documents"] = new JsonArray([.. documents.Take(count).Select(d => d.DeepClone())]),
        };
    }

    private async Task<(Person Person, string Username)> ImportedEServicesUser(bool triedOnline, params string[] products)
    {
        var person = People.Fresh();
        var username = Unique.Username("exc.es");
        await factory.ImportAsync(HelpDeskSteps.Batch(HelpDeskSteps.EServices(person, username, "forgotten old password", products)));
        if (triedOnline) await _api.FailOnlineIdentityCheck(person);
        return (person, username);
    }

    [Fact] // SA-19: a user with no existing e-Services account (a new employee) is refused
    public async Task The_exception_process_refuses_a_user_without_an_existing_e_services_account()
    {
        var assistor = factory.Assistor();
        await (await assistor.Post("/api/v1/helpdesk/exception-registrations", Exception(Unique.Username("new.employee"))))
            .ShouldBeProblem(HttpStatusCode.Conflict, "no_existing_account");
        var registered = await _api.Register(People.Fresh());
        await (await assistor.Post("/api/v1/helpdesk/exception-registrations", Exception(registered.Username)))
            .ShouldBeProblem(HttpStatusCode.Conflict, "no_existing_account");
        await (await assistor.Post("/api/v1/helpdesk/in-person-verifications", InPerson(registered.Username)))
            .ShouldBeProblem(HttpStatusCode.Conflict, "no_existing_account");
    }

    [Fact] // SA-19: only for a user who tried online registration and failed
    public async Task The_exception_process_refuses_an_existing_user_who_never_tried_online()
    {
        var (_, username) = await ImportedEServicesUser(triedOnline: false);
        await (await factory.Assistor().Post("/api/v1/helpdesk/exception-registrations", Exception(username)))
            .ShouldBeProblem(HttpStatusCode.Conflict, "online_attempt_required");
        Assert.Equal("imported", (string)(await factory.HelpDeskView(username))["status"]!);
    }

    [Fact] // SA-20 then SA-19, and the user finishes online: letter code → phone, then SA-12's forced password change
    public async Task After_a_failed_phone_check_an_in_person_verification_lets_the_help_desk_create_the_account()
    {
        var (person, username) = await ImportedEServicesUser(triedOnline: true, "tds");
        var assistor = factory.Assistor();
        Assert.NotNull((await factory.HelpDeskView(username))["existingAccount"]!["onlineAttemptFailedAt"]);

        // The phone check fails (no current-year return): identity not verified, nothing created.
        await (await assistor.Post("/api/v1/helpdesk/exception-registrations", Exception(username, checks: false)))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "identity_not_verified");

        // SA-20: two government IDs of different types.
        await (await assistor.Post("/api/v1/helpdesk/in-person-verifications", InPerson(username, count: 1))).ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_request");
        await (await assistor.Post("/api/v1/helpdesk/in-person-verifications", InPerson(username, "passport", "passport"))).ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_request");
        await (await assistor.Post("/api/v1/helpdesk/in-person-verifications", InPerson(username, "library_card"))).ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_request");
        await (await assistor.Post("/api/v1/helpdesk/in-person-verifications", InPerson(username))).ShouldBe(HttpStatusCode.Created);

        var created = await assistor.Post("/api/v1/helpdesk/exception-registrations", Exception(username, checks: false));
        await created.ShouldBe(HttpStatusCode.Created);
        var body = await created.Json();
        var temporary = (string)body["temporaryPassword"]!;
        Assert.True(temporary.Length >= 12);
        // SA-12 (issue 14): the help desk's temporary password lives as long as the letter's code, 30 days.
        Assert.Equal(factory.Clock.GetUtcNow().AddDays(30), DateTimeOffset.Parse((string)body["temporaryPasswordExpiresAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("no-store", created.Headers.CacheControl?.ToString());

        var view = await factory.HelpDeskView(username);
        Assert.Equal("pending", (string)view["status"]!);
        Assert.Equal(["drivers_license", "passport"], view["inPersonVerification"]!["documentTypes"]!.AsArray().Select(t => (string)t!));
        Assert.True((bool)view["exceptionRegistration"]!["byInPersonVerification"]!);
        Assert.Equal((string)body["letterId"]!, (string)view["exceptionRegistration"]!["letterId"]!);
        Assert.DoesNotContain("4567-8901", view.ToJsonString()); // document numbers are not kept in clear

        // The user finishes online: resume with the temporary password, the mailed code, then a phone.
        var resumed = await _api.Post("/api/v1/registrations/resume", new JsonObject { ["username"] = username, ["password"] = temporary });
        await resumed.ShouldBe(HttpStatusCode.OK);
        var resumedBody = await resumed.Json();
        Assert.Equal("await-letter", (string)resumedBody["step"]!);
        var id = (string)resumedBody["registrationId"]!;
        var letterCode = await _api.LatestCode(username);
        var afterLetter = await _api.Post($"/api/v1/registrations/{id}/activation-letter/confirm", new JsonObject { ["code"] = letterCode });
        await afterLetter.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("choose-second-factor", (string)(await afterLetter.Json())["step"]!);
        factory.Clock.Advance(TimeSpan.FromMinutes(1)); // SA-6: one code a minute (the letter was one)
        var phone = person.Phone;
        await (await _api.Post($"/api/v1/registrations/{id}/phone", new JsonObject { ["phoneNumber"] = phone })).ShouldBe(HttpStatusCode.Accepted);
        var complete = await _api.Post($"/api/v1/registrations/{id}/phone/confirm", new JsonObject { ["code"] = await _api.LatestCode(phone) });
        await complete.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("complete", (string)(await complete.Json())["step"]!);

        // SA-12: the first sign-in with the temporary password must set a new one.
        var challenge = await _api.SignIn(username, temporary);
        await challenge.ShouldBe(HttpStatusCode.OK);
        Assert.True((bool)(await challenge.Json())["passwordChangeRequired"]!);
        var verified = await _api.Post($"/api/v1/sessions/{(await challenge.Json())["challengeId"]}/verify", new JsonObject { ["code"] = await _api.LatestCode(phone) });
        await verified.ShouldBe(HttpStatusCode.OK);
        var restricted = (string)(await verified.Json())["accessToken"]!;
        await (await _api.Get("/api/v1/products/tds/access", restricted)).ShouldBeProblem(HttpStatusCode.Forbidden, "password_change_required");
        await (await _api.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/account/password")
        {
            Headers = { Authorization = new("Bearer", restricted) },
            Content = JsonContent(new JsonObject { ["newPassword"] = "my own password at last" }),
        })).ShouldBe(HttpStatusCode.NoContent);

        var token = await _api.SignInWithSms(username, "my own password at last", phone);
        await (await _api.Get("/api/v1/products/tds/access", token)).ShouldBe(HttpStatusCode.OK);
        await (await _api.SignIn(username, temporary)).ShouldBeProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact] // SA-19: all three checks by phone are enough; an online-registered account is then refused
    public async Task With_all_three_checks_the_help_desk_creates_the_account_and_queues_the_letter()
    {
        var (_, username) = await ImportedEServicesUser(triedOnline: true);
        var created = await factory.Assistor().Post("/api/v1/helpdesk/exception-registrations", Exception(username));
        await created.ShouldBe(HttpStatusCode.Created);
        var letterId = (string)(await created.Json())["letterId"]!;
        Assert.False((bool)(await factory.HelpDeskView(username))["exceptionRegistration"]!["byInPersonVerification"]!);

        // The activation letter is in the print batch for the operators, addressed to the address of record.
        var batch = await factory.Operator().Get("/api/v1/admin/letters?status=pending");
        await batch.ShouldBe(HttpStatusCode.OK);
        var letter = JsonNode.Parse(await batch.Content.ReadAsStringAsync())!.AsArray().Single(l => (string)l!["letterId"]! == letterId)!;
        Assert.Equal(username, (string)letter["username"]!);
        Assert.NotNull(letter["address"]!["line1"]); // the address of record from the reference records
        Assert.Equal("letter", (string)(await _api.Outbox(username))[^1]!["channel"]!);
    }

    private static StringContent JsonContent(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
