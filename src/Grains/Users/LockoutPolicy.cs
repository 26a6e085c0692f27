using Microsoft.Extensions.Options;
using SecureAccess.Common;

namespace SecureAccess.Users;

/// SA-10 in one place: consecutive failures lock the username for a fixed time; the lock is judged
/// by comparing `LockedUntil` with the clock on every attempt, never by waiting for a reminder.
/// Failures short of a lock are forgotten after `ForgetFailuresAfter` without a new one (issue 11).
public sealed class LockoutPolicy(IOptions<LockoutOptions> options, TimeProvider clock)
{
    public int MaxFailures => options.Value.MaxFailures;

    /// How long after a series' first failure its tidying reminder is first due.
    public TimeSpan ForgetFailuresAfter => options.Value.ForgetFailuresAfter;

    /// The gate of every path that judges a credential or sends a code: what is over is forgotten
    /// first, then a standing lock refuses (`423 account_locked` with its end). Null: go on.
    public Failure? Refuse(UserState user)
    {
        ForgetIfOver(user);
        return ActiveLock(user) is { } until ? Failure.Locked(until) : null;
    }

    public DateTimeOffset? ActiveLock(UserState user)
    {
        var until = user.LockedUntil;
        return until is { } u && clock.GetUtcNow() < u ? u : null;
    }

    /// A lock whose time is over, or failures with none newer for `ForgetFailuresAfter`, leave
    /// nothing behind: the next attempt starts from zero. True when something was forgotten.
    public bool ForgetIfOver(UserState user)
    {
        var now = clock.GetUtcNow();
        if (user.LockedUntil is { } until)
        {
            if (now < until) return false;
        }
        else if (user.FailedAttempts == 0)
        {
            return false;
        }
        else if (user.LastFailureAt is not { } last)
        {
            // A count stored before failures had a time: its window starts now, so an upgrade never
            // wipes a count towards SA-10's lock (review finding). Written with the grain's next write.
            user.LastFailureAt = now;
            return false;
        }
        else if (now - last < options.Value.ForgetFailuresAfter)
        {
            return false;
        }
        user.LockedUntil = null;
        user.FailedAttempts = 0;
        user.LastFailureAt = null;
        return true;
    }

    /// True when nothing is left to remember: no lock, no failure (after `ForgetIfOver`).
    public static bool HoldsNothing(UserState user) => user.LockedUntil is null && user.FailedAttempts == 0;

    /// Counts one failure; returns the lock's end when this failure engaged it.
    public DateTimeOffset? RecordFailure(UserState user)
    {
        user.FailedAttempts++;
        user.LastFailureAt = clock.GetUtcNow();
        if (user.FailedAttempts < options.Value.MaxFailures) return null;
        user.LockedUntil = clock.GetUtcNow() + options.Value.Duration;
        return user.LockedUntil;
    }

    public static void RecordSuccess(UserState user)
    {
        user.FailedAttempts = 0;
        user.LastFailureAt = null;
    }
}
