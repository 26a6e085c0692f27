using System.Net;
using System.Text.Json.Nodes;
using SecureAccess.Registration;
using SecureAccess.Testing;
using SecureAccess.Users;

namespace SecureAccess.Api.Tests;

/// API.md: malformed JSON, a missing field or a value of the wrong shape is 400 `invalid_request`
/// naming the field — never a 500, never a state change.
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(ApiFactory factory)
{
    private readonly SecureAccessApi _api = factory.Api();

    public enum At { New, ConfirmEmail, VerifyIdentity, ChooseCredentials, ActivatePhone, ConfirmPhone }

    public static TheoryData<string, At, string, string> Cases => new()
    {
        // path (with {id}), the step the registration is at, body, field named in `errors`
        { "/api/v1/registrations", At.New, "{", "body" },
        { "/api/v1/registrations", At.New, "{}", "email" },
        { "/api/v1/registrations", At.New, "[]", "body" },
        { "/api/v1/registrations", At.New, "null", "body" },
        { "/api/v1/registrations", At.New, """{"email":5}""", "email" },
        { "/api/v1/registrations", At.New, """{"email":"not an email"}""", "email" },
        { "/api/v1/registrations/{id}/email/confirm", At.ConfirmEmail, "{}", "code" },
        { "/api/v1/registrations/{id}/email/confirm", At.ConfirmEmail, """{"code":123456}""", "code" },
        { "/api/v1/registrations/{id}/email/confirm", At.ConfirmEmail, """{"code":""}""", "code" },
        { "/api/v1/registrations/{id}/email/confirm", At.ConfirmEmail, """{"code":"12""", "code" },
        { "/api/v1/registrations/{id}/identity", At.VerifyIdentity, "{}", "ssn" },
        { "/api/v1/registrations/{id}/identity", At.VerifyIdentity, Identity(b => b.Remove("address")), "address" },
        { "/api/v1/registrations/{id}/identity", At.VerifyIdentity, Identity(b => b["dateOfBirth"] = "10/12/1985"), "dateOfBirth" },
        { "/api/v1/registrations/{id}/identity", At.VerifyIdentity, Identity(b => b["ssn"] = "12-345"), "ssn" },
        { "/api/v1/registrations/{id}/identity", At.VerifyIdentity, Identity(b => b["filingStatus"] = "complicated"), "filingStatus" },
        { "/api/v1/registrations/{id}/identity", At.VerifyIdentity, Identity(b => b["address"]!["zip"] = "ABCDE"), "address.zip" },
        { "/api/v1/registrations/{id}/identity", At.VerifyIdentity, Identity(b => b["address"]!["zip"] = 62701), "address.zip" },
        { "/api/v1/registrations/{id}/identity", At.VerifyIdentity, Identity(b => b["financialAccount"]!["type"] = "savings"), "financialAccount.type" },
        { "/api/v1/registrations/{id}/identity", At.VerifyIdentity, Identity(b => b["financialAccount"]!.AsObject().Remove("number")), "financialAccount.number" },
        { "/api/v1/registrations/{id}/credentials", At.ChooseCredentials, "{}", "username" },
        { "/api/v1/registrations/{id}/credentials", At.ChooseCredentials, """{"username":"someone"}""", "password" },
        { "/api/v1/registrations/{id}/credentials", At.ChooseCredentials, """{"username":["a"],"password":"long enough password"}""", "username" },
        { "/api/v1/registrations/{id}/phone", At.ActivatePhone, "{}", "phoneNumber" },
        { "/api/v1/registrations/{id}/phone", At.ActivatePhone, """{"phoneNumber":12025550100}""", "phoneNumber" },
        { "/api/v1/registrations/{id}/phone/confirm", At.ConfirmPhone, """{"code":null}""", "code" },
        { "/api/v1/registrations/resume", At.New, """{"username":"x"}""", "password" },
        { "/api/v1/sessions", At.New, "{}", "username" },
        { "/api/v1/sessions", At.New, """{"username":"someone","password":42}""", "password" },
        { "/api/v1/sessions", At.New, "not json at all", "body" },
        { "/api/v1/sessions/{id}/verify", At.New, """{"code":{}}""", "code" },
    };

    private static string Identity(Action<JsonObject> spoil)
    {
        var body = People.Ada.IdentityBody();
        spoil(body);
        return body.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Malformed_bodies_are_400_invalid_request_naming_the_field_and_change_nothing(string path, At at, string body, string field)
    {
        var (id, username) = await RegistrationAt(at);
        var registration = factory.Cluster.GetGrain<IRegistrationGrain>(id).GetGrainId();
        var before = factory.Storage.Find("registration", registration);

        var response = await _api.PostRaw(path.Replace("{id}", id.ToString()), body);

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_request");
        var errors = (await response.Json())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"expected `{field}` in errors, got {errors.ToJsonString()}");
        Assert.Equal(before, factory.Storage.Find("registration", registration));
        if (username is not null) Assert.Equal(0, (await factory.Cluster.GetGrain<IUserGrain>(username).GetSummary()).FailedAttempts);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_400_not_415()
    {
        var response = await _api.PostRaw("/api/v1/registrations", "email=a@b.test", "application/x-www-form-urlencoded");
        await response.ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        var response = await _api.Get("/api/v1/nothing-here");
        await response.ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task An_unknown_registration_is_404_not_found()
    {
        var response = await _api.Post($"/api/v1/registrations/{Guid.NewGuid()}/email/confirm", new JsonObject { ["code"] = "123456" });
        await response.ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }

    private async Task<(Guid Id, string? Username)> RegistrationAt(At at)
    {
        if (at == At.New) return (Guid.NewGuid(), null);
        var email = Unique.Email();
        var id = await _api.StartRegistration(email);
        if (at == At.ConfirmEmail) return (Guid.Parse(id), null);
        await (await _api.Post($"/api/v1/registrations/{id}/email/confirm", new JsonObject { ["code"] = await _api.LatestCode(email) })).ShouldBe(HttpStatusCode.OK);
        if (at == At.VerifyIdentity) return (Guid.Parse(id), null);
        var person = People.Fresh();
        await (await _api.Post($"/api/v1/registrations/{id}/identity", person.IdentityBody())).ShouldBe(HttpStatusCode.OK);
        if (at == At.ChooseCredentials) return (Guid.Parse(id), null);
        var username = Unique.Username();
        await (await _api.Post($"/api/v1/registrations/{id}/credentials", new JsonObject { ["username"] = username, ["password"] = "bad input test password" })).ShouldBe(HttpStatusCode.OK);
        if (at == At.ActivatePhone) return (Guid.Parse(id), username);
        await (await _api.Post($"/api/v1/registrations/{id}/phone", new JsonObject { ["phoneNumber"] = person.Phone })).ShouldBe(HttpStatusCode.Accepted);
        return (Guid.Parse(id), username);
    }
}
