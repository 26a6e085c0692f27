using System.Net;
using SecureAccess.Api.Tests.HelpDesk;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.Throttling;

/// Issue 11: "username taken" tells whether an account exists, so a registration (10 an hour) and a
/// source (20 an hour, across its registrations) may get only so many; past that, 429 + Retry-After
/// before any lookup. Defaults: RegistrationOptions.MaxProbeAnswers, SourceLimitOptions.RegistrationProbes.
[Collection(ApiCollection.Name)]
public sealed class RegistrationProbeTests(ApiFactory factory)
{
    private const string Password = "a probing passphrase 4 tests";

    private static async Task ShouldBeThrottled(HttpResponseMessage response)
    {
        await response.ShouldBeProblem(HttpStatusCode.TooManyRequests, "too_many_requests");
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After in seconds");
    }

    [Fact]
    public async Task Ten_taken_usernames_an_hour_per_registration()
    {
        var taken = await factory.Api().Register(People.Fresh());
        var api = factory.Api();
        var id = await api.RegistrationAtCredentials(People.Fresh());
        for (var i = 1; i <= 10; i++) // one below and at the limit: honest answers
            await (await api.Credentials(id, taken.Username, Password, null)).ShouldBeProblem(HttpStatusCode.Conflict, "username_taken");

        var refused = await api.Credentials(id, taken.Username, Password, null); // one above
        await ShouldBeThrottled(refused);
        Assert.True(refused.Headers.RetryAfter!.Delta <= TimeSpan.FromHours(1));

        factory.Clock.Advance(TimeSpan.FromHours(1)); // the oldest answer leaves the sliding window
        await (await api.Credentials(id, taken.Username, Password, null)).ShouldBeProblem(HttpStatusCode.Conflict, "username_taken");
        await (await api.Credentials(id, Unique.Username("free"), Password, null)).ShouldBe(HttpStatusCode.OK); // nothing else was spent
    }

    [Fact]
    public async Task Twenty_taken_usernames_an_hour_per_source_across_registrations()
    {
        var taken = await factory.Api().Register(People.Fresh());
        var api = factory.Api();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var id = await api.RegistrationAtCredentials(People.Fresh());
            for (var i = 1; i <= 10; i++)
                await (await api.Credentials(id, taken.Username, Password, null)).ShouldBeProblem(HttpStatusCode.Conflict, "username_taken");
        }

        var third = await api.RegistrationAtCredentials(People.Fresh());
        await ShouldBeThrottled(await api.Credentials(third, taken.Username, Password, null)); // its own first probe, the source's 21st
        var elsewhere = factory.Api(); // another source is unaffected
        await (await elsewhere.Credentials(await elsewhere.RegistrationAtCredentials(People.Fresh()), taken.Username, Password, null))
            .ShouldBeProblem(HttpStatusCode.Conflict, "username_taken");
    }
}
