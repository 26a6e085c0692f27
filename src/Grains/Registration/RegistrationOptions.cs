namespace SecureAccess.Registration;

public sealed class RegistrationOptions
{
    public const string Section = "SecureAccess:Registration";

    /// How long an unfinished registration lives from its start.
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(24);

    /// SA-4: failed identity checks a registration may make before it is closed (account numbers are
    /// guessable in bulk otherwise).
    public int MaxIdentityAttempts { get; set; } = 5;

    /// Issue 11: "username taken" and "phone in use" answers one registration may get per
    /// `ProbeWindow` (sliding). A person retries a taken username a few times; a registration used
    /// to list which usernames or numbers exist gets 429 with Retry-After past it.
    public int MaxProbeAnswers { get; set; } = 10;
    public TimeSpan ProbeWindow { get; set; } = TimeSpan.FromHours(1);
}
