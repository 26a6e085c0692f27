using System.Net;
using System.Text.Json.Nodes;
using SecureAccess.Api.Tests.HelpDesk;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.Journeys;

/// Issue 14, journey 5 (SA-17, SA-1): an e-Services username is permanent, kept as it is even
/// outside the new-username format, within the limits of docs/decisions.md.
[Collection(JourneysCollection.Name)]
public sealed class LegacyUsernameTests(HelpDeskFactory factory)
{
    private readonly SecureAccessApi _api = factory.Api();

    [Theory]
    [InlineData("J Hopper {0}")]        // a space
    [InlineData("hopper@navy.{0}")]     // an email-like name
    [InlineData("q7")]                  // two characters (SA-1 asks for three)
    [InlineData("Grâce_Ü#{0}")]         // non-ASCII and symbols
    public async Task A_legacy_username_is_imported_migrated_and_signs_in_as_it_is(string shape)
    {
        var legacy = string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, Unique.Next());
        var person = People.Fresh();
        const string oldPassword = "old e-services password";
        var record = HelpDeskSteps.EServices(person, legacy, oldPassword, "tds");
        record["email"] = Unique.Email("legacy"); // the shapes above make no email address
        var report = await factory.ImportAsync(HelpDeskSteps.Batch(record));
        Assert.Equal(1, (int)report["imported"]!);
        Assert.Empty(report["rejected"]!.AsArray());

        var id = await _api.RegistrationAtCredentials(person);
        const string chosen = "a new password for an old name";
        // Without the proof, the legacy shape is not a new username.
        await (await _api.Credentials(id, legacy, chosen, null)).ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_request");
        await (await _api.Credentials(id, legacy, chosen, oldPassword)).ShouldBe(HttpStatusCode.OK);
        await (await _api.Post($"/api/v1/registrations/{id}/phone", new JsonObject { ["phoneNumber"] = person.Phone })).ShouldBe(HttpStatusCode.Accepted);
        await (await _api.Post($"/api/v1/registrations/{id}/phone/confirm", new JsonObject { ["code"] = await _api.LatestCode(person.Phone) })).ShouldBe(HttpStatusCode.OK);

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var token = await _api.SignInWithSms(legacy.ToUpperInvariant(), chosen, person.Phone); // case-insensitive like every username
        var account = await (await _api.Get("/api/v1/account", token)).Json();
        Assert.Equal(legacy.ToLowerInvariant(), (string)account["username"]!);
        await (await _api.Get("/api/v1/products/tds/access", token)).ShouldBe(HttpStatusCode.OK);
        await (await factory.Assistor().Get($"/api/v1/helpdesk/users/{Uri.EscapeDataString(legacy)}")).ShouldBe(HttpStatusCode.OK);
    }

    [Theory] // the limits: at most 128 characters, no control, invisible-format or line-break characters
    [InlineData("bad\nname")]
    [InlineData("bad\u0000name")]
    [InlineData("bad\u202Ename")]      // right-to-left override
    [InlineData("bad\u200Bname")]      // zero-width space
    [InlineData("bad\u2028name")]      // line separator
    [InlineData("129")]
    public async Task Usernames_outside_the_legacy_limits_are_refused_at_import(string username)
    {
        if (username == "129") username = new string('a', 129);
        var report = await factory.ImportAsync(HelpDeskSteps.Batch(HelpDeskSteps.EServices(People.Fresh(), username, "whatever old password")));
        Assert.Equal(0, (int)report["imported"]!);
        var rejected = Assert.Single(report["rejected"]!.AsArray())!;
        Assert.StartsWith("username:", (string)rejected["reason"]!);
        Assert.Null((string?)rejected["username"]); // a refused name is not echoed back
    }
}
