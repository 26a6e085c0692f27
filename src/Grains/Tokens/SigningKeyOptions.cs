namespace SecureAccess.Tokens;

/// Issue 10: when the cluster's token-signing key is rotated and how long a retired key stays
/// published. A retired key is published for the session lifetime (`SecureAccess:Sessions:Lifetime`,
/// the longest a token lives) plus this margin, which covers clock skew and gateways that still
/// sign with the old key until their next refresh (`Tokens:KeyRefreshInterval`, 30 s by default).
public sealed class SigningKeyOptions
{
    public const string Section = "SecureAccess:SigningKeys";
    public TimeSpan RotationInterval { get; set; } = TimeSpan.FromDays(30);
    public TimeSpan RetirementMargin { get; set; } = TimeSpan.FromMinutes(5);
}
