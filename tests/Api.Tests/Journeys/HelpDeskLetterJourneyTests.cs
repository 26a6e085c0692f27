using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using SecureAccess.Api.Tests.HelpDesk;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.Journeys;

/// Issue 14, journey 1 (SA-19, SA-12): the help desk's temporary password outlives the letter's
/// 5–10 business days, so the user who called on day 0 finishes on day 9 when the letter arrives.
[Collection(JourneysCollection.Name)]
public sealed class HelpDeskLetterJourneyTests(HelpDeskFactory factory)
{
    private readonly SecureAccessApi _api = factory.Api();

    [Fact] // day 0 the call, day 9 the letter, the user finishes and signs in
    public async Task The_user_called_on_day_0_finishes_with_the_letter_on_day_9_and_signs_in()
    {
        var person = People.Fresh();
        var username = Unique.Username("caller.es");
        await factory.ImportAsync(HelpDeskSteps.Batch(HelpDeskSteps.EServices(person, username, "an old e-services password", "tds")));
        await _api.FailOnlineIdentityCheck(person);

        // Day 0: the call. The answer gives the assistor everything the user needs.
        var day0 = factory.Clock.GetUtcNow();
        var created = await factory.Assistor().Post("/api/v1/helpdesk/exception-registrations", new JsonObject
        {
            ["username"] = username, ["assistorId"] = "A-1001",
            ["checks"] = new JsonObject { ["emailAccess"] = true, ["currentYearReturn"] = true, ["priorYearReturn"] = true },
        });
        await created.ShouldBe(HttpStatusCode.Created);
        var answer = await created.Json();
        var temporary = (string)answer["temporaryPassword"]!;
        Assert.Equal(username, (string)answer["username"]!);
        var letterCodeExpiresAt = DateTimeOffset.Parse((string)answer["letterCodeExpiresAt"]!, CultureInfo.InvariantCulture);
        Assert.Equal(letterCodeExpiresAt, DateTimeOffset.Parse((string)answer["temporaryPasswordExpiresAt"]!, CultureInfo.InvariantCulture));
        Assert.Equal(day0.AddDays(30), letterCodeExpiresAt);
        var expectedBy = DateOnly.Parse((string)answer["letterExpectedBy"]!, CultureInfo.InvariantCulture);
        Assert.True(expectedBy > DateOnly.FromDateTime(day0.UtcDateTime));
        Assert.Contains(answer["nextSteps"]!.AsArray(), s => ((string)s!).Contains("/api/v1/registrations/resume"));

        // Day 9: the letter arrives; the temporary password still opens the registration.
        factory.Clock.Advance(TimeSpan.FromDays(9));
        var resumed = await _api.Post("/api/v1/registrations/resume", new JsonObject { ["username"] = username, ["password"] = temporary });
        await resumed.ShouldBe(HttpStatusCode.OK);
        var id = (string)(await resumed.Json())["registrationId"]!;
        await (await _api.Post($"/api/v1/registrations/{id}/activation-letter/confirm", new JsonObject { ["code"] = await _api.LatestCode(username) }))
            .ShouldBe(HttpStatusCode.OK);
        await (await _api.Post($"/api/v1/registrations/{id}/phone", new JsonObject { ["phoneNumber"] = person.Phone })).ShouldBe(HttpStatusCode.Accepted);
        var complete = await _api.Post($"/api/v1/registrations/{id}/phone/confirm", new JsonObject { ["code"] = await _api.LatestCode(person.Phone) });
        await complete.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("complete", (string)(await complete.Json())["step"]!);

        // First sign-in with the temporary password: both steps, then the forced password change (SA-12).
        factory.Clock.Advance(TimeSpan.FromMinutes(1)); // SA-6: one SMS a minute
        var first = await _api.SignIn(username, temporary);
        await first.ShouldBe(HttpStatusCode.OK);
        Assert.True((bool)(await first.Json())["passwordChangeRequired"]!);
        var verified = await _api.Post($"/api/v1/sessions/{(await first.Json())["challengeId"]}/verify", new JsonObject { ["code"] = await _api.LatestCode(person.Phone) });
        await verified.ShouldBe(HttpStatusCode.OK);
        var limited = (string)(await verified.Json())["accessToken"]!;
        const string chosen = "my own password after the letter";
        await (await _api.Call(HttpMethod.Post, "/api/v1/account/password", limited, new JsonObject { ["newPassword"] = chosen })).ShouldBe(HttpStatusCode.NoContent);

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var token = await _api.SignInWithSms(username, chosen, person.Phone);
        await (await _api.Get("/api/v1/products/tds/access", token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, (int)(await factory.HelpDeskView(username))["failedAttempts"]!); // nothing counted toward a lock
    }

    [Fact] // SA-12: the help desk's temporary password dies with the letter's code, at 30 days exactly
    public async Task The_help_desk_temporary_password_dies_with_the_letters_code()
    {
        var person = People.Fresh();
        var username = Unique.Username("late.es");
        await factory.ImportAsync(HelpDeskSteps.Batch(HelpDeskSteps.EServices(person, username, "an old e-services password")));
        await _api.FailOnlineIdentityCheck(person);
        var created = await factory.Assistor().Post("/api/v1/helpdesk/exception-registrations", new JsonObject
        {
            ["username"] = username, ["assistorId"] = "A-1002",
            ["checks"] = new JsonObject { ["emailAccess"] = true, ["currentYearReturn"] = true, ["priorYearReturn"] = true },
        });
        await created.ShouldBe(HttpStatusCode.Created);
        var temporary = (string)(await created.Json())["temporaryPassword"]!;

        factory.Clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        await (await _api.Post("/api/v1/registrations/resume", new JsonObject { ["username"] = username, ["password"] = temporary })).ShouldBe(HttpStatusCode.OK);
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await (await _api.Post("/api/v1/registrations/resume", new JsonObject { ["username"] = username, ["password"] = temporary }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
    }
}
