using SecureAccess.Registration;

namespace SecureAccess.Users;

/// SA-17/SA-18: where an imported account came from. Kept after migration or merge, so a second
/// import of the same record is recognised and skipped.
[GenerateSerializer]
public sealed class ImportedAccountState
{
    [Id(0)] public string Kind { get; set; } = "";
    [Id(1)] public string SsnHash { get; set; } = "";
    [Id(2)] public DateTimeOffset ImportedAt { get; set; }
    /// The e-Services password's hash, while the account may still migrate with it (SA-17); dropped
    /// once the account has its own Secure Access password.
    [Id(3)] public string? LegacyPasswordHash { get; set; }
    [Id(4)] public string Email { get; set; } = "";
    [Id(5)] public bool PhoneValidatedByLetter5903 { get; set; }
    [Id(6)] public string? Origin { get; set; }
    /// On an e-Services account: the personal username merged into it (SA-18).
    [Id(7)] public string? MergedFrom { get; set; }
    [Id(8)] public PostalAddress? AddressOfRecord { get; set; }
}

/// SA-20: an in-person verification; of each ID only its type and last 4 characters.
[GenerateSerializer]
public sealed class InPersonState
{
    [Id(0)] public DateTimeOffset VerifiedAt { get; set; }
    [Id(1)] public string AssistorId { get; set; } = "";
    [Id(2)] public string Office { get; set; } = "";
    [Id(3)] public List<string> DocumentTypes { get; set; } = [];
    [Id(4)] public List<string> DocumentLast4 { get; set; } = [];
}

/// SA-19: the help desk created this account "by exception"; the activation letter it asked for.
/// (Was `ExceptionState`, which read like System.Exception; the stored form is unchanged: ids decide.)
[GenerateSerializer]
public sealed class HelpDeskCreation
{
    [Id(0)] public DateTimeOffset CreatedAt { get; set; }
    [Id(1)] public string AssistorId { get; set; } = "";
    [Id(2)] public Guid LetterId { get; set; }
    [Id(3)] public Guid RegistrationId { get; set; }
    [Id(4)] public DateTimeOffset TemporaryPasswordExpiresAt { get; set; }
    [Id(5)] public bool ByInPersonVerification { get; set; }
}
