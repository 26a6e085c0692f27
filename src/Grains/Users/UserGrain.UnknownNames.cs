using Microsoft.Extensions.Logging;

namespace SecureAccess.Users;

/// Unknown usernames leave memory early. Each attempt on a name nobody holds activates a grain,
/// which would otherwise stay for the silo's collection age (15 min): an enumeration at 1,000
/// names/s would keep ~900,000 activations (~5 GB, docs/benchmarks.md P5). The grain holds nothing
/// that is not stored, so it deactivates after a short idle time instead. A locked name stays: its
/// lockout reminder retires it when the lock ends, and it coalesces the audit of refused attempts.
/// (Its audit trail grain leaves after 2 idle minutes: see AuditLogGrain.)
public sealed partial class UserGrain
{
    /// Timer ticks may come a little early; without slack a grain would wait a whole second period.
    private static readonly TimeSpan TimerSlack = TimeSpan.FromSeconds(1);

    private IGrainTimer? _unknownNameRetirement;
    private DateTimeOffset _lastUnknownNameAttempt;

    /// Called after every failed attempt; does nothing for a username somebody holds.
    private void RetireWhenIdleIfUnknown()
    {
        var idle = unknownUsernames.Value.IdleBeforeDeactivation;
        if (User.Status != UserStatus.None || idle <= TimeSpan.Zero) return;
        _lastUnknownNameAttempt = clock.GetUtcNow();
        _unknownNameRetirement ??= this.RegisterGrainTimer(RetireIfIdle, new GrainTimerCreationOptions(idle, idle));
    }

    private Task RetireIfIdle(CancellationToken cancellation)
    {
        if (User.Status != UserStatus.None || lockout.ActiveLock(User) is not null)
        {
            StopRetirementTimer();
            LogRetirementCheck("stays (held or locked)");
            return Task.CompletedTask;
        }
        if (clock.GetUtcNow() - _lastUnknownNameAttempt >= unknownUsernames.Value.IdleBeforeDeactivation - TimerSlack)
        {
            StopRetirementTimer();
            DeactivateOnIdle();
            LogRetirementCheck("leaves memory");
        }
        return Task.CompletedTask;
    }

    /// What an operator sees at Debug during an enumeration, and what tests wait for instead of a delay.
    private void LogRetirementCheck(string outcome) =>
        logger.LogDebug("Unknown-username grain {GrainId}: {Outcome}", this.GetGrainId(), outcome);

    private void StopRetirementTimer()
    {
        _unknownNameRetirement?.Dispose();
        _unknownNameRetirement = null;
    }
}
