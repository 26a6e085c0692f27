namespace SecureAccess.LoadTest.Data;

/// A user the tool registered (or was given), as written to and read from the users file.
/// The file holds passwords and TOTP secrets of synthetic test accounts: keep it out of commits.
public sealed record UserAccount
{
    public string Username { get; init; } = "";

    public string Password { get; init; } = "";

    public string? Email { get; init; }

    /// E.164; null for a user who enrolled only the authenticator app.
    public string? PhoneNumber { get; init; }

    public SecondFactor Method { get; init; } = SecondFactor.Sms;

    /// Base32 TOTP key (SA-8), when the user enrolled the authenticator.
    public string? TotpSecret { get; init; }

    public string? DeviceId { get; init; }

    /// Lets a later registration batch skip identities already used (SA-4d: one identity per SSN).
    public string? Ssn { get; init; }

    /// The last TOTP time step the server accepted for this user: the server refuses a step at or
    /// before it (no replay), so the next sign-in must wait for a later one.
    public long? LastTotpStep { get; init; }

    /// Failed sign-ins since the last success that the tool caused (mixed's deliberate failures):
    /// kept across runs so that repeated runs never add up to SA-10's lockout.
    public int? ConsecutiveFailures { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public bool CanUse(SecondFactor method) => method switch
    {
        SecondFactor.App => !string.IsNullOrEmpty(TotpSecret),
        _ => !string.IsNullOrEmpty(PhoneNumber),
    };
}
