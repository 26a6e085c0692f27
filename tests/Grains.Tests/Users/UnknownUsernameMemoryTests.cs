using SecureAccess.Common;
using SecureAccess.Testing;
using SecureAccess.Users;

namespace SecureAccess.Grains.Tests.Users;

/// SA-11 at scale: the grain of a username nobody holds leaves memory after a minute idle
/// (UnknownUsernameOptions), so an enumeration cannot fill the silo; what it counted stays.
[Collection(ClusterCollection.Name)]
public sealed class UnknownUsernameMemoryTests(ClusterFixture fixture)
{
    private IUserGrain User(string username) => fixture.Client.GetGrain<IUserGrain>(username);

    private async Task<bool> IsActive(string username)
    {
        var management = fixture.Client.GetGrain<IManagementGrain>(0);
        var id = User(username).GetGrainId();
        return (await management.GetActiveGrains(id.Type)).Contains(id);
    }

    /// Deactivation runs after the timer's turn; give it a bounded moment of real time.
    private async Task<bool> BecomesInactive(string username)
    {
        for (var i = 0; i < 100; i++)
        {
            if (!await IsActive(username)) return true;
            await Task.Delay(20);
        }
        return false;
    }

    /// The grain's retirement timer has run its check (it logs the outcome): waiting for that event,
    /// not for an arbitrary delay, is what lets a test say "and it stayed".
    private async Task RetirementCheckRan(string username, string outcome)
    {
        var line = $"{User(username).GetGrainId()}: {outcome}";
        for (var i = 0; i < 250 && !fixture.Logs.AllText().Contains(line, StringComparison.Ordinal); i++) await Task.Delay(20);
        Assert.Contains(line, fixture.Logs.AllText());
    }

    [Fact] // SA-11
    public async Task An_unknown_usernames_grain_leaves_after_a_minute_idle_and_its_count_survives()
    {
        var name = Unique.Username("nobody");
        (await User(name).BeginSignIn("wrong password")).ShouldFailWith(ErrorCodes.InvalidCredentials);
        (await User(name).BeginSignIn("wrong password")).ShouldFailWith(ErrorCodes.InvalidCredentials);
        Assert.True(await IsActive(name));

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await BecomesInactive(name));

        Assert.Equal(2, (await User(name).GetSummary()).FailedAttempts); // read back from storage
    }

    [Fact] // SA-11 + SA-10: a locked unknown name stays until its lock ends (its reminder retires it)
    public async Task A_locked_unknown_username_stays_in_memory()
    {
        var name = Unique.Username("nobody");
        for (var i = 0; i < 5; i++) await User(name).BeginSignIn("wrong password " + i);
        fixture.Clock.Advance(TimeSpan.FromMinutes(3));
        await RetirementCheckRan(name, "stays (held or locked)");

        Assert.True(await IsActive(name));
        Assert.NotNull((await User(name).GetSummary()).LockedUntil);
    }

    [Fact] // a username somebody holds keeps the silo's collection age
    public async Task A_known_usernames_grain_is_not_retired_early()
    {
        var (username, _) = await new Registrar(fixture).Complete(People.Fresh());
        var unknown = Unique.Username("nobody");
        (await User(username).BeginSignIn("wrong password")).ShouldFailWith(ErrorCodes.InvalidCredentials);
        (await User(unknown).BeginSignIn("wrong password")).ShouldFailWith(ErrorCodes.InvalidCredentials);
        fixture.Clock.Advance(TimeSpan.FromMinutes(3));
        await RetirementCheckRan(unknown, "leaves memory"); // the same clock step retired an unknown name

        Assert.True(await IsActive(username));
    }
}
