using SecureAccess.LoadTest.Codes;
using SecureAccess.LoadTest.Data;
using SecureAccess.LoadTest.Load;

namespace SecureAccess.LoadTest.Scenarios;

/// Which pooled users an operation may take.
internal static class UserSelection
{
    /// Long enough for every app user's TOTP step to move on; past it the pool is simply too small.
    public static readonly TimeSpan LeaseLimit = TimeSpan.FromSeconds(35);

    /// Waits for an eligible user, but not past the end of the run. Null: none came; the caller
    /// skips quietly when the run is over and fails the iteration otherwise.
    public static Task<PooledUser?> LeaseAsync(UserPool pool, Func<PooledUser, bool> eligible, IterationContext context)
    {
        var limit = context.UntilDeadline < LeaseLimit ? context.UntilDeadline : LeaseLimit;
        return pool.LeaseAsync(eligible, limit > TimeSpan.Zero ? limit : TimeSpan.Zero, context.CancellationToken);
    }

    /// A user the sign-in can complete for: has the requested factor and, for the app, a TOTP step
    /// the server has not yet accepted (no replay).
    public static Func<PooledUser, bool> CanSignIn(SecondFactor? method, TimeProvider clock) => user =>
        (method is not { } m || user.Account.CanUse(m)) &&
        (string.IsNullOrEmpty(user.Account.TotpSecret) || TotpGenerator.StepAt(clock.GetUtcNow()) > user.LastTotpStep);

    /// A deliberate failure must never be the one that locks the user (SA-10): keep two failures of
    /// headroom below the threshold.
    public static Func<PooledUser, bool> CanFailDeliberately(SecondFactor? method, int threshold) => user =>
        (method is not { } m || user.Account.CanUse(m)) && user.ConsecutiveFailures < Math.Max(1, threshold - 2);
}
