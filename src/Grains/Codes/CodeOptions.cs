namespace SecureAccess.Codes;

/// SA-3, SA-6 and the code table of SPEC.md: how long each one-time code lives and how many wrong tries kill it.
public sealed class CodeOptions
{
    public const string Section = "SecureAccess:Codes";
    public TimeSpan EmailConfirmationLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan SmsActivationLifetime { get; set; } = TimeSpan.FromMinutes(10);
    public TimeSpan SmsSecurityCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);
    /// SA-15: both codes of a phone change must be entered within this time.
    public TimeSpan PhoneChangeLifetime { get; set; } = TimeSpan.FromMinutes(10);
    public int MaxWrongTries { get; set; } = 5;
    /// SA-17: the emailed code that replaces a forgotten e-Services password at the migration step;
    /// long enough to confirm the email and pass the identity check of a new registration first.
    public TimeSpan MigrationRecoveryLifetime { get; set; } = TimeSpan.FromHours(1);
}
