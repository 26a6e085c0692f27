using System.Net;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class RegistrationAndSignInTests(ApiFactory factory)
{
    private readonly SecureAccessApi _api = factory.Api();

    [Fact] // SA-1..SA-5, SA-7 (SMS), SA-9
    public async Task A_new_user_registers_signs_in_reads_the_account_and_signs_out()
    {
        var user = await _api.Register(People.Fresh());

        var token = await _api.SignInFully(user);
        var account = await _api.Get("/api/v1/account", token);
        await account.ShouldBe(HttpStatusCode.OK);
        var body = await account.Json();
        Assert.Equal(user.Username, (string)body["username"]!);
        Assert.Equal(user.Email, (string)body["email"]!);
        Assert.EndsWith(user.Phone[^2..], (string)body["maskedPhone"]!);
        Assert.DoesNotContain(user.Phone[2..^2], (string)body["maskedPhone"]!);
        Assert.Equal("active", (string)body["status"]!);

        await (await _api.Delete("/api/v1/sessions/current", token)).ShouldBe(HttpStatusCode.NoContent);
        await (await _api.Get("/api/v1/account", token)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact] // SA-9 + API.md "Tokens": ES256, verifiable with the served JWKS alone
    public async Task The_access_token_is_an_ES256_JWT_that_verifies_against_the_jwks()
    {
        var user = await _api.Register(People.Fresh());
        var token = await _api.SignInFully(user);
        var jwks = new JsonWebKeySet(await (await _api.Get("/.well-known/jwks.json")).Content.ReadAsStringAsync());

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "secure-access",
            ValidAudience = "e-services",
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidateLifetime = false,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("ES256", ((JsonWebToken)result.SecurityToken).Alg);
        Assert.Equal(user.Username, ((JsonWebToken)result.SecurityToken).Subject);
    }

    [Fact] // SA-9: a token whose signature does not match is refused
    public async Task An_altered_token_is_refused()
    {
        var user = await _api.Register(People.Fresh());
        var token = await _api.SignInFully(user);
        var altered = token[..^4] + (token[^4] == 'A' ? "BAAA" : "AAAA");
        await (await _api.Get("/api/v1/account", altered)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await (await _api.Get("/api/v1/account")).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact] // SA-9: the session ends with its lifetime
    public async Task A_token_stops_working_when_its_session_expires()
    {
        var user = await _api.Register(People.Fresh());
        var token = await _api.SignInFully(user);
        factory.Clock.Advance(TimeSpan.FromMinutes(30));
        await (await _api.Get("/api/v1/account", token)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact] // SA-10 over HTTP: 423 with lockedUntil and Retry-After
    public async Task A_locked_username_answers_423_with_lockedUntil_and_Retry_After()
    {
        var user = await _api.Register(People.Fresh());
        for (var i = 0; i < 5; i++) await (await _api.SignIn(user.Username, "wrong password " + i)).ShouldBeProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
        var engaged = factory.Clock.GetUtcNow();

        var locked = await _api.SignIn(user.Username, user.Password);
        await locked.ShouldBeProblem(HttpStatusCode.Locked, "account_locked");
        Assert.Equal(engaged.AddHours(24), DateTimeOffset.Parse((string)(await locked.Json())["lockedUntil"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.FromHours(24), locked.Headers.RetryAfter?.Delta);
    }

    [Fact] // API.md: a second user claiming a number gets 409 phone_in_use
    public async Task A_phone_number_of_another_user_is_409_phone_in_use()
    {
        var (owner, relative) = People.FreshFamily(); // SA-7: the number is listed for both; SA-5: one owns it
        var first = await _api.Register(owner, phone: owner.FamilyPhone);
        var id = await _api.RegisterUpToPhone(relative, Unique.Username(), "another long passphrase", Unique.Email());
        var response = await _api.Post($"/api/v1/registrations/{id}/phone", new JsonObject { ["phoneNumber"] = first.Phone });
        await response.ShouldBeProblem(HttpStatusCode.Conflict, "phone_in_use");
    }

    [Fact] // SA-4b, SA-4c over HTTP: status 422 with their own codes
    public async Task Identity_refusals_have_their_own_codes()
    {
        async Task<HttpResponseMessage> Identity(JsonObject body)
        {
            var email = Unique.Email();
            var id = await _api.StartRegistration(email);
            await (await _api.Post($"/api/v1/registrations/{id}/email/confirm", new JsonObject { ["code"] = await _api.LatestCode(email) })).ShouldBe(HttpStatusCode.OK);
            return await _api.Post($"/api/v1/registrations/{id}/identity", body);
        }

        await (await Identity(People.Alan.IdentityBody())).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "credit_freeze");
        await (await Identity(People.Grace.IdentityBody("credit_card", "378282246310005"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "card_not_accepted");
        await (await Identity(People.Ada.IdentityBody("credit_card", "4111111111111112"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "identity_not_verified");
    }

    [Fact] // API.md: resume an unfinished registration with the chosen credentials
    public async Task An_unfinished_registration_resumes_with_username_and_password()
    {
        var username = Unique.Username();
        var id = await _api.RegisterUpToPhone(People.Fresh(), username, "resume me later please", Unique.Email());

        var resumed = await _api.Post("/api/v1/registrations/resume", new JsonObject { ["username"] = username, ["password"] = "resume me later please" });
        await resumed.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(id, (string)(await resumed.Json())["registrationId"]!);
        Assert.Equal("activate-phone", (string)(await resumed.Json())["step"]!);

        await (await _api.Post("/api/v1/registrations/resume", new JsonObject { ["username"] = username, ["password"] = "not the password" }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact] // API.md "Development outbox": newest last, code also in the body as its own token
    public async Task The_outbox_lists_messages_newest_last_with_the_code_in_the_body()
    {
        var email = Unique.Email();
        await _api.StartRegistration(email);
        await _api.StartRegistration(email);
        var messages = await _api.Outbox(email);
        Assert.Equal(2, messages.Count);
        var last = messages[^1]!.AsObject();
        Assert.Equal("email", (string)last["channel"]!);
        Assert.Equal(email, (string)last["to"]!);
        Assert.Contains((string)last["code"]!, ((string)last["body"]!).Split([' ', '\n', '(', ')', '.', ':']));
        Assert.True(DateTimeOffset.Parse((string)messages[0]!["sentAt"]!, System.Globalization.CultureInfo.InvariantCulture)
            <= DateTimeOffset.Parse((string)last["sentAt"]!, System.Globalization.CultureInfo.InvariantCulture));
    }
}
