namespace SecureAccess.SignIn;

/// SA-9: how long a session (and the access token that names it) lives.
public sealed class SessionOptions
{
    public const string Section = "SecureAccess:Sessions";
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(30);
}
