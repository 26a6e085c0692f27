using SecureAccess.Common;
using SecureAccess.Testing;
using SecureAccess.Throttling;
using SecureAccess.Users;

namespace SecureAccess.Grains.Tests.Throttling;

/// Issue 11: the per-source limits at their edges, with the default SourceLimitOptions
/// (60 attempts a minute; 10 failed usernames an hour, 30 a day), windows judged by fake time.
[Collection(ClusterCollection.Name)]
public sealed class SourceLimitTests(ClusterFixture fixture)
{
    private ISourceLimitGrain Source() => fixture.Client.GetGrain<ISourceLimitGrain>(TestClientSource.Fresh());

    [Fact]
    public async Task Sign_in_attempts_are_admitted_up_to_the_limit_then_refused_until_the_window_ends()
    {
        var source = Source();
        const string name = "same-name";
        for (var i = 1; i <= 59; i++) Assert.True((await source.AdmitSignIn(name)).Succeeded, $"attempt {i}");
        Assert.True((await source.AdmitSignIn(name)).Succeeded, "the 60th attempt is at the limit");

        var above = await source.AdmitSignIn(name);
        above.ShouldFailWith(ErrorCodes.TooManyRequests);
        Assert.InRange(above.Failure!.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

        fixture.Clock.Advance(above.Failure.RetryAfter.Value);
        Assert.True((await source.AdmitSignIn(name)).Succeeded);
    }

    [Fact]
    public async Task Ten_distinct_failed_usernames_an_hour_then_new_names_are_refused_but_known_ones_still_admitted()
    {
        var source = Source();
        for (var i = 0; i < 9; i++) Assert.True((await source.AdmitSignIn($"name-{i}")).Value);
        Assert.True((await source.AdmitSignIn("name-9")).Value, "the 10th name is at the limit");

        var eleventh = await source.AdmitSignIn("name-10");
        eleventh.ShouldFailWith(ErrorCodes.TooManyRequests);
        Assert.InRange(eleventh.Failure!.RetryAfter!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));

        var again = await source.AdmitSignIn("name-3"); // already counted: admitted, reserves nothing new
        Assert.True(again.Succeeded);
        Assert.False(again.Value);

        await source.Release("name-9"); // that attempt did not fail: its slot is free
        Assert.True((await source.AdmitSignIn("name-10")).Value);
        (await source.AdmitSignIn("name-11")).ShouldFailWith(ErrorCodes.TooManyRequests);

        fixture.Clock.Advance(TimeSpan.FromHours(1));
        Assert.True((await source.AdmitSignIn("name-11")).Value);
    }

    [Fact]
    public async Task At_most_thirty_failed_usernames_a_day()
    {
        var source = Source();
        var start = fixture.Clock.GetUtcNow();
        for (var hour = 0; hour < 3; hour++)
        {
            for (var i = 0; i < 10; i++) Assert.True((await source.AdmitSignIn($"h{hour}-{i}")).Value);
            fixture.Clock.Advance(TimeSpan.FromHours(1));
        }
        var beyond = await source.AdmitSignIn("one-more");
        beyond.ShouldFailWith(ErrorCodes.TooManyRequests);
        Assert.Equal(start + TimeSpan.FromDays(1) - fixture.Clock.GetUtcNow(), beyond.Failure!.RetryAfter);

        fixture.Clock.Advance(beyond.Failure.RetryAfter!.Value);
        Assert.True((await source.AdmitSignIn("one-more")).Value);
    }

    [Fact]
    public async Task A_refused_attempt_never_counts_against_the_username()
    {
        var sourceKey = TestClientSource.Fresh();
        var source = fixture.Client.GetGrain<ISourceLimitGrain>(sourceKey);
        for (var i = 0; i < 10; i++) Assert.True((await source.AdmitSignIn($"filler-{i}-{sourceKey}")).Value);

        var victim = Unique.Username("victim");
        RequestContext.Set(ThrottleContext.Source, sourceKey);
        try
        {
            for (var i = 0; i < 6; i++)
                (await fixture.Client.GetGrain<IUserGrain>(victim).BeginSignIn("wrong password " + i)).ShouldFailWith(ErrorCodes.TooManyRequests);
        }
        finally
        {
            RequestContext.Remove(ThrottleContext.Source);
        }
        Assert.Equal(0, (await fixture.Client.GetGrain<IUserGrain>(victim).GetSummary()).FailedAttempts);
    }
}
