namespace SecureAccess.Users;

/// SA-11 at scale: how long the grain of a username nobody holds stays in memory after an attempt.
public sealed class UnknownUsernameOptions
{
    public const string Section = "SecureAccess:UnknownUsernames";

    /// Idle time after which an unknown, unlocked username's grain leaves memory (its failure
    /// counter is stored; a later attempt reads it back). Zero or less: the silo's collection age.
    public TimeSpan IdleBeforeDeactivation { get; set; } = TimeSpan.FromMinutes(1);
}
