using Microsoft.Extensions.DependencyInjection;
using SecureAccess.Common;
using SecureAccess.Testing;
using SecureAccess.Users;

namespace SecureAccess.Grains.Tests.Users;

[Collection(ClusterCollection.Name)]
public sealed class LockoutTests(ClusterFixture fixture)
{
    private readonly Registrar _registrar = new(fixture);
    private IUserGrain User(string username) => fixture.Client.GetGrain<IUserGrain>(username);

    [Fact] // SA-10
    public async Task Fifth_wrong_password_locks_for_24_hours_even_for_the_right_password()
    {
        var (username, _) = await _registrar.Complete(People.Fresh());
        for (var i = 1; i <= 4; i++) (await User(username).BeginSignIn("wrong password " + i)).ShouldFailWith(ErrorCodes.InvalidCredentials);

        var fifth = await User(username).BeginSignIn("wrong password 5");
        fifth.ShouldFailWith(ErrorCodes.InvalidCredentials);
        var engagedAt = fixture.Clock.GetUtcNow();

        var right = await User(username).BeginSignIn(Registrar.Password);
        right.ShouldFailWith(ErrorCodes.AccountLocked);
        Assert.Equal(engagedAt.AddHours(24), right.Failure!.LockedUntil);
        Assert.Equal(5, (await User(username).GetSummary()).FailedAttempts);
    }

    [Fact] // SA-10: the lock ends by itself at lockedUntil, not a tick before
    public async Task The_lock_holds_one_tick_before_lockedUntil_and_ends_at_it()
    {
        var (username, _) = await _registrar.Complete(People.Fresh());
        for (var i = 0; i < 5; i++) await User(username).BeginSignIn("wrong password " + i);
        var lockedUntil = (await User(username).GetSummary()).LockedUntil!.Value;

        fixture.Clock.SetUtcNow(lockedUntil.AddTicks(-1));
        (await User(username).BeginSignIn(Registrar.Password)).ShouldFailWith(ErrorCodes.AccountLocked);

        fixture.Clock.SetUtcNow(lockedUntil);
        var afterwards = await User(username).BeginSignIn(Registrar.Password);
        Assert.True(afterwards.Succeeded, afterwards.Failure?.ToString());
        Assert.Equal(0, (await User(username).GetSummary()).FailedAttempts);
    }

    [Fact] // SA-10: no early unlock, and the counter starts afresh after the lock
    public async Task After_a_lock_ends_five_new_failures_are_needed_to_lock_again()
    {
        var (username, _) = await _registrar.Complete(People.Fresh());
        for (var i = 0; i < 5; i++) await User(username).BeginSignIn("wrong password " + i);
        fixture.Clock.Advance(TimeSpan.FromHours(24));

        for (var i = 0; i < 4; i++) (await User(username).BeginSignIn("again wrong " + i)).ShouldFailWith(ErrorCodes.InvalidCredentials);
        Assert.Null((await User(username).GetSummary()).LockedUntil);
        await User(username).BeginSignIn("again wrong 5");
        Assert.NotNull((await User(username).GetSummary()).LockedUntil);
    }

    [Fact] // SA-10: 20 racing wrong passwords — the counter is exact
    public async Task Twenty_parallel_wrong_passwords_lock_at_exactly_the_threshold()
    {
        var (username, _) = await _registrar.Complete(People.Fresh());
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => User(username).BeginSignIn("parallel wrong " + i)));

        Assert.Equal(5, results.Count(r => r.Failure?.Code == ErrorCodes.InvalidCredentials));
        Assert.Equal(15, results.Count(r => r.Failure?.Code == ErrorCodes.AccountLocked));
        var summary = await User(username).GetSummary();
        Assert.Equal(5, summary.FailedAttempts);
        (await User(username).BeginSignIn(Registrar.Password)).ShouldFailWith(ErrorCodes.AccountLocked);
    }

    [Fact] // SA-11
    public async Task An_unknown_username_answers_like_a_wrong_password_and_locks_the_same_way()
    {
        var unknown = Unique.Username("nobody");
        for (var i = 1; i <= 5; i++) (await User(unknown).BeginSignIn("some password " + i)).ShouldFailWith(ErrorCodes.InvalidCredentials);
        var locked = await User(unknown).BeginSignIn("some password 6");
        locked.ShouldFailWith(ErrorCodes.AccountLocked);
        Assert.Equal(fixture.Clock.GetUtcNow().AddHours(24), locked.Failure!.LockedUntil);
    }

    [Fact] // SA-11: an unknown name with no failures writes nothing; failures are remembered durably
    public async Task An_unknown_username_writes_state_only_to_remember_failures()
    {
        var unknown = Unique.Username("ghost");
        var id = fixture.Client.GetGrain<IUserGrain>(unknown).GetGrainId();
        await User(unknown).GetSummary();
        Assert.Null(fixture.Storage.Find("user", id));
        await User(unknown).BeginSignIn("a wrong password");
        Assert.Contains("\"FailedAttempts\":1", fixture.Storage.Find("user", id));
    }

    [Fact] // SA-10: the reminder only tidies; it clears the counter once the lock is over
    public async Task The_lockout_reminder_is_registered_and_clears_the_counter_when_it_fires_after_the_lock()
    {
        var (username, _) = await _registrar.Complete(People.Fresh());
        for (var i = 0; i < 5; i++) await User(username).BeginSignIn("wrong password " + i);
        var reminders = fixture.Cluster.GetActiveSilos().First().ServiceProvider.GetRequiredService<IReminderTable>();
        var rows = await reminders.ReadRows(User(username).GetGrainId());
        Assert.Contains(rows.Reminders, r => r.ReminderName == "lockout-expiry");

        var remindable = User(username).AsReference<IRemindable>();
        await remindable.ReceiveReminder("lockout-expiry", default);
        Assert.Equal(5, (await User(username).GetSummary()).FailedAttempts); // fired early: nothing changes

        fixture.Clock.Advance(TimeSpan.FromHours(24));
        await remindable.ReceiveReminder("lockout-expiry", default);
        var summary = await User(username).GetSummary();
        Assert.Equal(0, summary.FailedAttempts);
        Assert.Null(summary.LockedUntil);
    }

    [Fact] // SA-11: an unknown username costs a real Argon2id verification, like a wrong password
    public async Task An_unknown_username_is_verified_against_the_dummy_hash()
    {
        var before = fixture.Hasher.DummyVerifications;
        (await User(Unique.Username("phantom")).BeginSignIn("whatever password")).ShouldFailWith(ErrorCodes.InvalidCredentials);
        Assert.Equal(before + 1, fixture.Hasher.DummyVerifications);
    }
}
