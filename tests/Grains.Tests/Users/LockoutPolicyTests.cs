using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SecureAccess.Common;
using SecureAccess.Testing;
using SecureAccess.Users;

namespace SecureAccess.Grains.Tests.Users;

/// SA-10's one gate (issue 12): `Refuse` forgets what is over, then refuses a standing lock.
public sealed class LockoutPolicyTests
{
    private readonly FakeTimeProvider _clock = new(TestSettings.Start);
    private LockoutPolicy Policy => new(Options.Create(new LockoutOptions()), _clock);

    [Fact] // SA-10
    public void A_standing_lock_is_refused_with_its_end_and_nothing_is_forgotten()
    {
        var user = new UserState();
        for (var i = 0; i < 5; i++) Policy.RecordFailure(user);
        _clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromTicks(1));

        var refused = Policy.Refuse(user);
        Assert.Equal(ErrorCodes.AccountLocked, refused?.Code);
        Assert.Equal(TestSettings.Start.AddHours(24), refused!.LockedUntil);
        Assert.Equal(5, user.FailedAttempts);
    }

    [Fact] // SA-10: a lock that is over leaves nothing behind
    public void An_ended_lock_is_forgotten_and_not_refused()
    {
        var user = new UserState();
        for (var i = 0; i < 5; i++) Policy.RecordFailure(user);
        _clock.Advance(TimeSpan.FromHours(24));

        Assert.Null(Policy.Refuse(user));
        Assert.Equal(0, user.FailedAttempts);
        Assert.Null(user.LockedUntil);
    }

    [Fact] // SA-10 across the upgrade: a count stored before failures had a time is kept, its window starting now
    public void A_count_without_a_time_is_kept_and_ages_from_the_first_look()
    {
        var user = new UserState { FailedAttempts = 4 };
        Assert.Null(Policy.Refuse(user));
        Assert.Equal(4, user.FailedAttempts);
        Assert.Equal(TestSettings.Start, user.LastFailureAt);

        Assert.Equal(TestSettings.Start.AddHours(24), Policy.RecordFailure(user)); // the fifth still locks
        _clock.Advance(TimeSpan.FromHours(24));
        Assert.Null(Policy.Refuse(user));
        Assert.Equal(0, user.FailedAttempts);
    }

    [Fact] // issue 11: failures age out 24 h after the newest one, not before
    public void Failures_are_forgotten_only_a_full_window_after_the_newest()
    {
        var user = new UserState();
        Policy.RecordFailure(user);
        _clock.Advance(TimeSpan.FromHours(12));
        Policy.RecordFailure(user);
        _clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromTicks(1));
        Assert.Null(Policy.Refuse(user));
        Assert.Equal(2, user.FailedAttempts);

        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.Null(Policy.Refuse(user));
        Assert.Equal(0, user.FailedAttempts);
    }
}
