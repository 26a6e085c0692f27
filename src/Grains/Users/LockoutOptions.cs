namespace SecureAccess.Users;

/// SA-10: consecutive failed sign-ins lock a username; nobody can lift the lock early.
public sealed class LockoutOptions
{
    public const string Section = "SecureAccess:Lockout";
    public int MaxFailures { get; set; } = 5;
    public TimeSpan Duration { get; set; } = TimeSpan.FromHours(24);

    /// Issue 11: failures short of a lock are forgotten when no new failure came for this long, for
    /// every username alike (SA-11), so the row of a name nobody holds can go. 24 h (the lock's own
    /// length) gives a guesser at most MaxFailures − 1 tries per day, fewer than lock-and-wait gives.
    public TimeSpan ForgetFailuresAfter { get; set; } = TimeSpan.FromHours(24);
}
