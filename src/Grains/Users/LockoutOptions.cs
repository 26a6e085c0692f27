namespace SecureAccess.Users;

/// SA-10: consecutive failed sign-ins lock a username; nobody can lift the lock early.
public sealed class LockoutOptions
{
    public const string Section = "SecureAccess:Lockout";
    public int MaxFailures { get; set; } = 5;
    public TimeSpan Duration { get; set; } = TimeSpan.FromHours(24);
}
