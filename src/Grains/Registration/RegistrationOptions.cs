namespace SecureAccess.Registration;

public sealed class RegistrationOptions
{
    public const string Section = "SecureAccess:Registration";

    /// How long an unfinished registration lives from its start.
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(24);

    /// SA-4: failed identity checks a registration may make before it is closed (account numbers are
    /// guessable in bulk otherwise).
    public int MaxIdentityAttempts { get; set; } = 5;
}
