using System.Net;
using System.Text.Json.Nodes;
using SecureAccess.Api.Tests.HelpDesk;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.Journeys;

/// Issue 14, journey 6 (SA-7, SA-15, SA-5): a phone counts only when the identity records tie it to
/// the person's name; otherwise 422 phone_not_associated before any SMS, and the letter is the way on.
[Collection(JourneysCollection.Name)]
public sealed class PhoneTiedToNameTests(HelpDeskFactory factory)
{
    private readonly SecureAccessApi _api = factory.Api();

    [Fact] // SA-7: an unlisted number → 422 before any SMS; the listed one works
    public async Task A_registrant_with_a_number_in_someone_elses_name_is_refused_then_uses_their_own()
    {
        var person = People.Fresh();
        var username = Unique.Username("tied");
        var id = await _api.RegisterUpToPhone(person, username, "my phone is in my name", Unique.Email());
        var stranger = Unique.Phone();

        var refused = await _api.Post($"/api/v1/registrations/{id}/phone", new JsonObject { ["phoneNumber"] = stranger });
        await refused.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "phone_not_associated");
        Assert.Contains("by mail", (string)(await refused.Json())["detail"]!); // the answer offers the letter
        Assert.Empty(await _api.Outbox(stranger));
        // Another person's listed number is no better than a stranger's.
        var someoneElses = People.Fresh().Phone;
        await (await _api.Post($"/api/v1/registrations/{id}/phone", new JsonObject { ["phoneNumber"] = someoneElses }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "phone_not_associated");
        Assert.Empty(await _api.Outbox(someoneElses));

        await (await _api.Post($"/api/v1/registrations/{id}/phone", new JsonObject { ["phoneNumber"] = person.Phone })).ShouldBe(HttpStatusCode.Accepted);
        var done = await _api.Post($"/api/v1/registrations/{id}/phone/confirm", new JsonObject { ["code"] = await _api.LatestCode(person.Phone) });
        await done.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("complete", (string)(await done.Json())["step"]!);
        var trail = await factory.AuditTrail(username);
        Assert.Contains("phone.not-associated", trail.Events());
    }

    [Fact] // SA-7 then SA-8: Edsger has no phone tied to his name; he activates by mail and finishes with the app
    public async Task Edsger_without_a_phone_in_his_name_finishes_by_letter_and_app()
    {
        var username = Unique.Username("edsger");
        const string password = "shortest path to sign in";
        var id = await _api.RegisterUpToPhone(People.Edsger, username, password, Unique.Email());
        var phone = Unique.Phone();
        await (await _api.Post($"/api/v1/registrations/{id}/phone", new JsonObject { ["phoneNumber"] = phone }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "phone_not_associated");
        Assert.Empty(await _api.Outbox(phone));

        await (await _api.Post($"/api/v1/registrations/{id}/activation-letter", new JsonObject())).ShouldBe(HttpStatusCode.Accepted);
        factory.Clock.Advance(TimeSpan.FromDays(7));
        await (await _api.Post($"/api/v1/registrations/{id}/activation-letter/confirm", new JsonObject { ["code"] = await _api.LatestCode(username) })).ShouldBe(HttpStatusCode.OK);
        // After the letter the phone rule still holds; the app is the way to finish.
        await (await _api.Post($"/api/v1/registrations/{id}/phone", new JsonObject { ["phoneNumber"] = phone }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "phone_not_associated");
        var secret = (string)(await (await _api.Post($"/api/v1/registrations/{id}/authenticator", new JsonObject { ["deviceId"] = "edsger-" + username })).Json())["secret"]!;
        var done = await _api.Post($"/api/v1/registrations/{id}/authenticator/confirm", new JsonObject { ["code"] = Oathtool.Code(secret, factory.Clock.GetUtcNow()) });
        await done.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("complete", (string)(await done.Json())["step"]!);
    }

    [Fact] // SA-15 holds SA-7: a new number not in the user's name → 422, no code to either number, nothing changes
    public async Task A_phone_change_to_a_number_not_in_the_users_name_is_refused_before_any_sms()
    {
        var user = await _api.Register(People.Fresh());
        var token = await _api.SignInFully(user);
        var smsBefore = (await _api.Outbox(user.Phone)).Count;
        var stranger = Unique.Phone();
        factory.Clock.Advance(TimeSpan.FromMinutes(1));

        await (await _api.Call(HttpMethod.Post, "/api/v1/account/phone-change", token, new JsonObject { ["newPhoneNumber"] = stranger }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "phone_not_associated");
        Assert.Empty(await _api.Outbox(stranger));
        Assert.Equal(smsBefore, (await _api.Outbox(user.Phone)).Count);

        // The second number tied to the user's name is accepted.
        var started = await _api.Call(HttpMethod.Post, "/api/v1/account/phone-change", token, new JsonObject { ["newPhoneNumber"] = user.Person.SecondPhone });
        await started.ShouldBe(HttpStatusCode.Accepted);
        var changeId = (string)(await started.Json())["changeId"]!;
        await (await _api.Call(HttpMethod.Post, $"/api/v1/account/phone-change/{changeId}/confirm", token, new JsonObject
        {
            ["oldCode"] = await _api.LatestCode(user.Phone), ["newCode"] = await _api.LatestCode(user.Person.SecondPhone),
        })).ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact] // SA-5 with SA-7: a family phone listed for two people is owned by one; the other gets 409, then the letter
    public async Task A_family_phone_listed_for_two_people_belongs_to_one_of_them()
    {
        var (parent, child) = People.FreshFamily();
        Assert.Equal(parent.FamilyPhone, child.FamilyPhone);
        await _api.Register(parent, phone: parent.FamilyPhone);

        var id = await _api.RegisterUpToPhone(child, Unique.Username("child"), "the family shares a phone", Unique.Email());
        await (await _api.Post($"/api/v1/registrations/{id}/phone", new JsonObject { ["phoneNumber"] = child.FamilyPhone }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "phone_in_use");
        await (await _api.Post($"/api/v1/registrations/{id}/activation-letter", new JsonObject())).ShouldBe(HttpStatusCode.Accepted);
    }
}
