using SecureAccess.Codes;

namespace SecureAccess.Registration;

[GenerateSerializer]
public sealed class RegistrationState
{
    [Id(0)] public string Step { get; set; } = "";
    [Id(1)] public string Email { get; set; } = "";
    [Id(2)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(3)] public StoredCode? EmailCode { get; set; }
    [Id(4)] public int IdentityFailures { get; set; }
    [Id(5)] public string SsnHash { get; set; } = "";
    [Id(6)] public string SsnLast4 { get; set; } = "";
    [Id(7)] public string FirstName { get; set; } = "";
    [Id(8)] public string LastName { get; set; } = "";
    [Id(9)] public PostalAddress? Address { get; set; }
    [Id(10)] public string? Username { get; set; }
    [Id(11)] public string? PhoneE164 { get; set; }
    [Id(12)] public StoredCode? PhoneCode { get; set; }
    [Id(13)] public StoredCode? LetterCode { get; set; }
    [Id(14)] public Guid? LetterId { get; set; }
    [Id(15)] public string? DeviceId { get; set; }
    /// The authenticator key awaiting its first code, sealed (SA-8: stored encrypted at rest).
    [Id(16)] public string? SealedAuthenticatorKey { get; set; }
    /// Send times of SMS codes, for SA-6's resend limits.
    [Id(17)] public List<DateTimeOffset> CodeSends { get; set; } = [];
    [Id(18)] public int AuthenticatorFailures { get; set; }
    /// Issue 11: when this registration was told a username or a phone number is already in use.
    [Id(19)] public List<DateTimeOffset> ProbeAnswers { get; set; } = [];
    /// Issue 11: the username is a new one this registration reserved (not an existing account it
    /// proved), so expiry may free the identity binding it made.
    [Id(20)] public bool ReservedNewUsername { get; set; }
}
