using System.Net;
using SecureAccess.Api.Tests.HelpDesk;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.Journeys;

/// Issue 14, journey 8 (SA-18): when the accounts merge, the user is emailed the username to use from now on.
[Collection(JourneysCollection.Name)]
public sealed class MergeNoticeTests(HelpDeskFactory factory)
{
    private readonly SecureAccessApi _api = factory.Api();

    [Fact]
    public async Task The_merge_emails_the_username_to_use_and_that_username_signs_in()
    {
        var person = People.Fresh();
        var (eServices, personal) = (Unique.Username("merged.es"), Unique.Username("ip-pin"));
        const string personalPassword = "my ip pin account password";
        var report = await factory.ImportAsync(HelpDeskSteps.Batch(
            HelpDeskSteps.EServices(person, eServices, "old e-services password", "tds"),
            HelpDeskSteps.Personal(person, personal, personalPassword, person.Phone)));
        Assert.Equal(1, (int)report["merged"]!);

        var notices = (await _api.Outbox($"{personal}@example.test")).Where(m => ((string)m!["subject"]!).Contains("merged")).ToList();
        var notice = Assert.Single(notices)!;
        Assert.Equal(eServices, (string)notice["code"]!);
        Assert.Contains($"sign in with the username:\n{eServices}\n", (string)notice["body"]!);
        Assert.Contains(personal, (string)notice["body"]!);

        // Importing again merges nothing and sends nothing.
        await factory.ImportAsync(HelpDeskSteps.Batch(
            HelpDeskSteps.EServices(person, eServices, "old e-services password", "tds"),
            HelpDeskSteps.Personal(person, personal, personalPassword, person.Phone)));
        Assert.Single(await _api.Outbox($"{personal}@example.test"), m => ((string)m!["subject"]!).Contains("merged"));

        // The username the notice names is the one that signs in, with the personal account's password.
        var token = await _api.SignInWithSms(eServices, personalPassword, person.Phone);
        await (await _api.Get("/api/v1/products/tds/access", token)).ShouldBe(HttpStatusCode.OK);
    }
}
