using System.Net;
using System.Text.Json.Nodes;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.HelpDesk;

/// The steps the help-desk tests share, over HTTP.
public static class HelpDeskSteps
{
    public static JsonObject EServices(Person person, string username, string password, params string[] products) => new()
    {
        ["kind"] = "e-services", ["username"] = username, ["passwordHash"] = HelpDeskFactory.HashOf(password),
        ["email"] = $"{username}@example.test", ["ssn"] = person.Ssn, ["firstName"] = person.FirstName, ["lastName"] = person.LastName,
        ["products"] = new JsonArray([.. products.Select(p => (JsonNode)p)]), ["phoneValidatedByLetter5903"] = true,
    };

    public static JsonObject Personal(Person person, string username, string password, string phone, string? hash = null) => new()
    {
        ["kind"] = "personal", ["username"] = username, ["passwordHash"] = hash ?? HelpDeskFactory.HashOf(password),
        ["email"] = $"{username}@example.test", ["ssn"] = person.Ssn, ["firstName"] = person.FirstName, ["lastName"] = person.LastName,
        ["phoneNumber"] = phone, ["origin"] = "ip-pin",
    };

    public static JsonObject Batch(params JsonNode[] accounts) => new() { ["accounts"] = new JsonArray(accounts) };

    /// A registration up to its choose-credentials step, identity verified.
    public static async Task<string> RegistrationAtCredentials(this SecureAccessApi api, Person person)
    {
        var email = Unique.Email();
        var id = await api.StartRegistration(email);
        await (await api.Post($"/api/v1/registrations/{id}/email/confirm", new JsonObject { ["code"] = await api.LatestCode(email) })).ShouldBe(HttpStatusCode.OK);
        await (await api.Post($"/api/v1/registrations/{id}/identity", person.IdentityBody())).ShouldBe(HttpStatusCode.OK);
        return id;
    }

    public static Task<HttpResponseMessage> Credentials(this SecureAccessApi api, string registrationId, string username, string password, string? existingPassword) =>
        api.Post($"/api/v1/registrations/{registrationId}/credentials", new JsonObject
        {
            ["username"] = username, ["password"] = password, ["existingPassword"] = existingPassword,
        });

    /// SA-19's condition: an online registration whose identity check failed for this person.
    public static async Task FailOnlineIdentityCheck(this SecureAccessApi api, Person person)
    {
        var email = Unique.Email();
        var id = await api.StartRegistration(email);
        await (await api.Post($"/api/v1/registrations/{id}/email/confirm", new JsonObject { ["code"] = await api.LatestCode(email) })).ShouldBe(HttpStatusCode.OK);
        await (await api.Post($"/api/v1/registrations/{id}/identity", person.IdentityBody(accountNumber: "SL0000000000")))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "identity_not_verified");
    }

    /// Password then the SMS code sent to `phone`; returns the access token.
    public static async Task<string> SignInWithSms(this SecureAccessApi api, string username, string password, string phone) =>
        await api.SignInFully(new RegisteredUser(username, password, "", phone, null!));

    public static async Task<JsonObject> HelpDeskView(this HelpDeskFactory factory, string username)
    {
        var response = await factory.Assistor().Get($"/api/v1/helpdesk/users/{username}");
        await response.ShouldBe(HttpStatusCode.OK);
        return await response.Json();
    }

    public static async Task<JsonArray> AuditTrail(this HelpDeskFactory factory, string username)
    {
        var response = await factory.Operator().Get($"/api/v1/admin/audit?username={Uri.EscapeDataString(username)}");
        await response.ShouldBe(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
    }

    public static IReadOnlyList<string> Events(this JsonArray trail) => [.. trail.Select(e => (string)e!["event"]!)];
}
