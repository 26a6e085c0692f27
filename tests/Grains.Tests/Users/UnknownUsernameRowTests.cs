using Microsoft.Extensions.DependencyInjection;
using SecureAccess.Common;
using SecureAccess.Testing;
using SecureAccess.Users;

namespace SecureAccess.Grains.Tests.Users;

/// Issue 11: a username nobody holds keeps no row once it has nothing to remember. Failures short of
/// a lock are forgotten 24 h after the newest one (LockoutOptions.ForgetFailuresAfter), for every
/// name alike (SA-11); the tidying reminder then deletes an unknown name's row, as it does when a lock ends.
[Collection(ClusterCollection.Name)]
public sealed class UnknownUsernameRowTests(ClusterFixture fixture)
{
    private const string Tidy = "lockout-expiry";
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);
    private IUserGrain User(string username) => fixture.Client.GetGrain<IUserGrain>(username);
    private GrainId Id(string username) => User(username).GetGrainId();
    private Task Tick(string username) => User(username).AsReference<IRemindable>().ReceiveReminder(Tidy, default);

    private async Task<bool> ReminderRegistered(string username)
    {
        var reminders = fixture.Cluster.GetActiveSilos().First().ServiceProvider.GetRequiredService<IReminderTable>();
        return (await reminders.ReadRows(Id(username))).Reminders.Any(r => r.ReminderName == Tidy);
    }

    [Fact] // issue 11 + SA-11
    public async Task An_unknown_usernames_row_is_deleted_when_its_failures_are_forgotten()
    {
        var name = Unique.Username("nobody");
        (await User(name).BeginSignIn("wrong password 1")).ShouldFailWith(ErrorCodes.InvalidCredentials);
        (await User(name).BeginSignIn("wrong password 2")).ShouldFailWith(ErrorCodes.InvalidCredentials);
        Assert.True(await ReminderRegistered(name));
        Assert.NotNull(fixture.Storage.Find("audit", fixture.Client.GetGrain<SecureAccess.Audit.IAuditLogGrain>(name).GetGrainId()));

        fixture.Clock.Advance(Window - TimeSpan.FromTicks(1));
        await Tick(name);                                             // early: the failures still count
        Assert.Contains("\"FailedAttempts\":2", fixture.Storage.Find("user", Id(name)));

        fixture.Clock.Advance(TimeSpan.FromTicks(1));
        await Tick(name);
        Assert.False(fixture.Storage.HasRow("user", Id(name)));      // no row, not even a tombstone
        Assert.False(fixture.Storage.HasRow("audit", fixture.Client.GetGrain<SecureAccess.Audit.IAuditLogGrain>(name).GetGrainId())); // nor its trail
        Assert.False(await ReminderRegistered(name));
        Assert.Equal(0, (await User(name).GetSummary()).FailedAttempts);
    }

    [Fact] // SA-10 + SA-11: a newer failure keeps the series; forgetting is judged from the newest one
    public async Task A_failure_within_the_window_keeps_the_count_and_the_row()
    {
        var name = Unique.Username("nobody");
        await User(name).BeginSignIn("wrong password 1");
        fixture.Clock.Advance(Window - TimeSpan.FromHours(1));
        await User(name).BeginSignIn("wrong password 2");
        fixture.Clock.Advance(TimeSpan.FromHours(1));

        await Tick(name);
        Assert.Equal(2, (await User(name).GetSummary()).FailedAttempts);
        Assert.True(await ReminderRegistered(name));
        for (var i = 3; i <= 5; i++) await User(name).BeginSignIn("wrong password " + i);
        (await User(name).BeginSignIn("wrong password 6")).ShouldFailWith(ErrorCodes.AccountLocked);
    }

    [Theory] // review of issue 11: a "username" that is another trail's subject never deletes that trail
    [InlineData("system/signing-keys-{0}")]
    [InlineData("registration/{0}")]
    [InlineData("{0}@example.test")]
    [InlineData("+1202555{0}")]
    public async Task A_failed_sign_in_as_another_trails_subject_leaves_that_trail_alone(string shape)
    {
        var name = string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, Random.Shared.Next(1000, 9999));
        var trail = fixture.Client.GetGrain<SecureAccess.Audit.IAuditLogGrain>(name);
        await trail.Append(new SecureAccess.Audit.AuditEvent(fixture.Clock.GetUtcNow(), "system.kept", name, "test", "not this name's to delete", "test"));

        (await User(name).BeginSignIn("wrong password")).ShouldFailWith(ErrorCodes.InvalidCredentials);
        fixture.Clock.Advance(Window);
        await Tick(name);

        Assert.False(fixture.Storage.HasRow("user", Id(name)));           // the name's own row goes
        Assert.Contains((await trail.List()), e => e.Event == "system.kept"); // the other trail stays
    }

    [Fact] // SA-11: a known username forgets old failures exactly like an unknown one
    public async Task A_known_username_forgets_failures_after_the_same_window_and_keeps_its_row()
    {
        var (username, _) = await new Registrar(fixture).Complete(People.Fresh());
        for (var i = 1; i <= 4; i++) await User(username).BeginSignIn("wrong password " + i);
        Assert.True(await ReminderRegistered(username));
        fixture.Clock.Advance(Window);

        (await User(username).BeginSignIn("wrong password 5")).ShouldFailWith(ErrorCodes.InvalidCredentials);
        var summary = await User(username).GetSummary();
        Assert.Equal(1, summary.FailedAttempts);
        Assert.Null(summary.LockedUntil);
        Assert.NotNull(fixture.Storage.Find("user", Id(username)));
        Assert.True((await fixture.Client.GetGrain<IUserGrain>(username).GetAccount()).Succeeded); // the account itself survived
    }

    [Fact] // issue 11 + SA-10: a locked unknown name keeps its row for the lock, and not after it
    public async Task A_locked_unknown_usernames_row_is_deleted_when_the_lock_ends()
    {
        var name = Unique.Username("nobody");
        for (var i = 0; i < 5; i++) await User(name).BeginSignIn("wrong password " + i);
        fixture.Clock.Advance(TimeSpan.FromHours(23));
        await Tick(name);
        Assert.NotNull(fixture.Storage.Find("user", Id(name)));
        (await User(name).BeginSignIn("any password")).ShouldFailWith(ErrorCodes.AccountLocked);

        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await Tick(name);
        Assert.False(fixture.Storage.HasRow("user", Id(name)));
        (await User(name).BeginSignIn("any password")).ShouldFailWith(ErrorCodes.InvalidCredentials); // counting starts again
        Assert.Contains("\"FailedAttempts\":1", fixture.Storage.Find("user", Id(name)));
    }
}
