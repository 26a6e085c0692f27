using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests;

/// Secrets stay secret: after a full registration and sign-ins, neither the persisted grain states
/// nor any log line holds a password, code, SSN or financial account number (SA-2, SA-4a, SA-4d, SA-6).
[Collection(ApiCollection.Name)]
public sealed class SecretsTests(ApiFactory factory)
{
    private readonly SecureAccessApi _api = factory.Api();

    [Fact]
    public async Task No_secret_reaches_grain_storage_or_the_logs()
    {
        var person = People.Fresh();
        var username = Unique.Username();
        var password = "my secret passphrase 4242";
        var email = Unique.Email();
        var phone = person.Phone;
        var codes = new List<string>();

        var id = await _api.StartRegistration(email);
        codes.Add(await _api.LatestCode(email));
        await (await _api.Post($"/api/v1/registrations/{id}/email/confirm", new JsonObject { ["code"] = codes[^1] })).ShouldBe(HttpStatusCode.OK);
        // A refused try first: its account number must not linger either.
        var wrongAccount = "SL9999999999";
        await (await _api.Post($"/api/v1/registrations/{id}/identity", person.IdentityBody(accountNumber: wrongAccount))).ShouldBe(HttpStatusCode.UnprocessableEntity);
        await (await _api.Post($"/api/v1/registrations/{id}/identity", person.IdentityBody())).ShouldBe(HttpStatusCode.OK);
        await (await _api.Post($"/api/v1/registrations/{id}/credentials", new JsonObject { ["username"] = username, ["password"] = password })).ShouldBe(HttpStatusCode.OK);
        await (await _api.Post($"/api/v1/registrations/{id}/phone", new JsonObject { ["phoneNumber"] = phone })).ShouldBe(HttpStatusCode.Accepted);
        codes.Add(await _api.LatestCode(phone));
        await (await _api.Post($"/api/v1/registrations/{id}/phone/confirm", new JsonObject { ["code"] = codes[^1] })).ShouldBe(HttpStatusCode.OK);

        var wrongPassword = "a mistyped passphrase 4242";
        await (await _api.SignIn(username, wrongPassword)).ShouldBe(HttpStatusCode.Unauthorized);
        var user = new RegisteredUser(username, password, email, phone, person);
        await _api.SignInFully(user);
        codes.Add(await _api.LatestCode(phone));

        var stored = factory.Storage.AllText();
        var logs = factory.Logs.AllText();
        Assert.NotEmpty(stored);
        Assert.Contains(username, stored); // the search is looking at the right data
        var ssnDigits = person.Ssn.Replace("-", "");
        string[] literals = [password, wrongPassword, person.Ssn, ssnDigits, person.AccountNumber, wrongAccount];
        foreach (var secret in literals)
        {
            Assert.DoesNotContain(secret, stored);
            Assert.DoesNotContain(secret, logs);
        }
        foreach (var code in codes)
        {
            var alone = new Regex($"(?<![0-9]){code}(?![0-9])");
            Assert.DoesNotMatch(alone, stored);
            Assert.DoesNotMatch(alone, logs);
        }
        Assert.Contains(ssnDigits[^4..], stored); // SA-4d keeps the last 4 digits, no more
    }
}
