using SecureAccess.Registration;

namespace SecureAccess.Users;

[GenerateSerializer]
public sealed class UserState
{
    [Id(0)] public UserStatus Status { get; set; }
    [Id(1)] public Guid RegistrationId { get; set; }
    [Id(2)] public string Email { get; set; } = "";
    [Id(3)] public string PasswordHash { get; set; } = "";
    [Id(4)] public string SsnHash { get; set; } = "";
    [Id(5)] public string SsnLast4 { get; set; } = "";
    [Id(6)] public string FirstName { get; set; } = "";
    [Id(7)] public string LastName { get; set; } = "";
    [Id(8)] public PostalAddress? Address { get; set; }
    [Id(9)] public string? PhoneE164 { get; set; }
    [Id(10)] public int FailedAttempts { get; set; }
    [Id(11)] public DateTimeOffset? LockedUntil { get; set; }
    [Id(12)] public Dictionary<Guid, SessionRecord> Sessions { get; set; } = [];
    [Id(13)] public DateTimeOffset CreatedAt { get; set; }
    [Id(14)] public List<string> Products { get; set; } = [];
    [Id(15)] public string? DeviceId { get; set; }
    /// SA-8: the authenticator key, sealed (AES-GCM) at rest.
    [Id(16)] public string? SealedAuthenticatorKey { get; set; }
    /// SA-8: the last TOTP step accepted; any step at or before it is refused (no replay).
    [Id(17)] public long LastAuthenticatorStep { get; set; }
    /// SA-12: a one-time temporary password, hashed like the password.
    [Id(18)] public string? TemporaryPasswordHash { get; set; }
    [Id(19)] public DateTimeOffset? TemporaryPasswordExpiresAt { get; set; }
    /// SA-6: send times of resent SMS codes.
    [Id(20)] public List<DateTimeOffset> CodeSends { get; set; } = [];
    [Id(21)] public PendingPhoneChange? PhoneChange { get; set; }
    /// Issue 11: when the newest counted failure happened; failures are forgotten some time after it.
    [Id(22)] public DateTimeOffset? LastFailureAt { get; set; }
    // Issue 5 (existing users and the help desk): ids 40 and up.
    [Id(40)] public ImportedAccountState? Imported { get; set; }
    [Id(41)] public string? MergedInto { get; set; }
    [Id(42)] public InPersonState? InPerson { get; set; }
    [Id(43)] public HelpDeskCreation? CreatedByHelpDesk { get; set; }
    // Issue 14 (seed journeys): ids 60 and up.
    /// SA-8: the method chosen for sign-in ("sms" or "app"); null until chosen, then the enrolled one decides.
    [Id(60)] public string? ChosenMethod { get; set; }
    /// SA-8: an authenticator key issued after registration, waiting for its first code.
    [Id(61)] public PendingAuthenticator? PendingAuthenticator { get; set; }
    /// SA-17: the emailed code that stands in for a forgotten e-Services password, hashed.
    [Id(62)] public Codes.StoredCode? MigrationRecoveryCode { get; set; }
}

/// SA-8: a key for a (new) device, sealed at rest, that counts only once a first code confirms it.
[GenerateSerializer]
public sealed class PendingAuthenticator
{
    [Id(0)] public string DeviceId { get; set; } = "";
    [Id(1)] public string SealedKey { get; set; } = "";
    [Id(2)] public int Failures { get; set; }
}

/// SA-15: a phone change waiting for both codes.
[GenerateSerializer]
public sealed class PendingPhoneChange
{
    [Id(0)] public Guid ChangeId { get; set; }
    [Id(1)] public string NewPhoneE164 { get; set; } = "";
    [Id(2)] public Codes.StoredCode? OldCode { get; set; }
    [Id(3)] public Codes.StoredCode? NewCode { get; set; }
}

[GenerateSerializer]
public sealed class SessionRecord
{
    [Id(0)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(1)] public bool PasswordChangeRequired { get; set; }
}
