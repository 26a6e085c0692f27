using Microsoft.Extensions.Options;

namespace SecureAccess.Users;

/// SA-10 in one place: consecutive failures lock the username for a fixed time; the lock is judged
/// by comparing `LockedUntil` with the clock on every attempt, never by waiting for a reminder.
public sealed class LockoutPolicy(IOptions<LockoutOptions> options, TimeProvider clock)
{
    public int MaxFailures => options.Value.MaxFailures;

    public DateTimeOffset? ActiveLock(UserState user)
    {
        var until = user.LockedUntil;
        return until is { } u && clock.GetUtcNow() < u ? u : null;
    }

    /// A lock whose time is over leaves nothing behind: the next attempt starts from zero.
    public bool ForgetIfOver(UserState user)
    {
        if (user.LockedUntil is not { } until || clock.GetUtcNow() < until) return false;
        user.LockedUntil = null;
        user.FailedAttempts = 0;
        return true;
    }

    /// Counts one failure; returns the lock's end when this failure engaged it.
    public DateTimeOffset? RecordFailure(UserState user)
    {
        user.FailedAttempts++;
        if (user.FailedAttempts < options.Value.MaxFailures) return null;
        user.LockedUntil = clock.GetUtcNow() + options.Value.Duration;
        return user.LockedUntil;
    }

    public static void RecordSuccess(UserState user) => user.FailedAttempts = 0;
}
