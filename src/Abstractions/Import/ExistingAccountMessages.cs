using SecureAccess.Registration;

namespace SecureAccess.Import;

/// The `kind` values of fixtures/README.md "Existing accounts".
public static class ExistingAccountKinds
{
    public const string EServices = "e-services";
    public const string Personal = "personal";
    public static readonly IReadOnlyList<string> All = [EServices, Personal];
}

/// SA-21: the e-Services products a session may open, by their path names.
public static class EServicesProducts
{
    public const string TinMatching = "tin-matching";
    public const string TranscriptDelivery = "tds";
    public static readonly IReadOnlyList<string> All = [TinMatching, TranscriptDelivery];
}

/// The `origin` values of a personal Secure Access account (SA-18).
public static class PersonalAccountOrigins
{
    public static readonly IReadOnlyList<string> All = ["get-transcript", "ip-pin"];
}

/// One record of `POST /api/v1/admin/existing-accounts`, as the operator sent it (fixtures/README.md).
/// Holds an SSN and a password hash: it lives only for the import call and is never stored or printed.
[GenerateSerializer, Immutable]
public sealed record ExistingAccountRecord(
    [property: Id(0)] string? Kind,
    [property: Id(1)] string? Username,
    [property: Id(2)] string? PasswordHash,
    [property: Id(3)] string? Email,
    [property: Id(4)] string? Ssn,
    [property: Id(5)] string? FirstName,
    [property: Id(6)] string? LastName,
    [property: Id(7)] IReadOnlyList<string>? Products,
    [property: Id(8)] bool? PhoneValidatedByLetter5903,
    [property: Id(9)] string? PhoneNumber,
    [property: Id(10)] string? Origin)
{
    public override string ToString() => $"ExistingAccountRecord {{ Kind = {Kind}, Username = {Username}, *** }}";
}

[GenerateSerializer, Immutable]
public sealed record ImportBatch([property: Id(0)] IReadOnlyList<ExistingAccountRecord> Accounts)
{
    public override string ToString() => $"ImportBatch {{ {Accounts.Count} accounts }}";
}

/// A record refused by the import, with the reason; the others of the batch are kept.
[GenerateSerializer, Immutable]
public sealed record ImportRejection([property: Id(0)] int Index, [property: Id(1)] string? Username, [property: Id(2)] string Reason);

/// `merged` counts the e-Services/personal pairs this batch joined into one identity (SA-18).
[GenerateSerializer, Immutable]
public sealed record ImportReport(
    [property: Id(0)] int Imported,
    [property: Id(1)] int Skipped,
    [property: Id(2)] int Merged,
    [property: Id(3)] IReadOnlyList<ImportRejection> Rejected);

[GenerateSerializer]
public enum ImportOutcome
{
    Imported = 0,
    /// Already imported by an earlier batch: nothing changed.
    Skipped = 1,
}

/// What one record did; `Merged` is set when it completed an SA-18 merge.
[GenerateSerializer, Immutable]
public sealed record ImportResult([property: Id(0)] ImportOutcome Outcome, [property: Id(1)] bool Merged = false);

/// A checked e-Services record: the SSN only as its keyed hash and last 4 (SA-4d).
[GenerateSerializer, Immutable]
public sealed record ImportedEServicesAccount(
    [property: Id(0)] string Username,
    [property: Id(1)] string PasswordHash,
    [property: Id(2)] string Email,
    [property: Id(3)] string SsnHash,
    [property: Id(4)] string SsnLast4,
    [property: Id(5)] string FirstName,
    [property: Id(6)] string LastName,
    [property: Id(7)] IReadOnlyList<string> Products,
    [property: Id(8)] bool PhoneValidatedByLetter5903,
    [property: Id(9)] PostalAddress? AddressOfRecord)
{
    public override string ToString() => $"ImportedEServicesAccount {{ Username = {Username}, *** }}";
}

/// A checked personal Secure Access account (Get Transcript, IP PIN) with its verified phone.
[GenerateSerializer, Immutable]
public sealed record ImportedPersonalAccount(
    [property: Id(0)] string Username,
    [property: Id(1)] string PasswordHash,
    [property: Id(2)] string Email,
    [property: Id(3)] string SsnHash,
    [property: Id(4)] string SsnLast4,
    [property: Id(5)] string FirstName,
    [property: Id(6)] string LastName,
    [property: Id(7)] string PhoneE164,
    [property: Id(8)] string? Origin,
    [property: Id(9)] PostalAddress? AddressOfRecord)
{
    public override string ToString() => $"ImportedPersonalAccount {{ Username = {Username}, *** }}";
}

/// What a personal account hands to its e-Services account when they merge (SA-18): its current
/// password hash, verified phone and confirmed email. `Retired` when it has already been handed over.
[GenerateSerializer, Immutable]
public sealed record MergeCredentials(
    [property: Id(0)] string Username,
    [property: Id(1)] string PasswordHash,
    [property: Id(2)] string? PhoneE164,
    [property: Id(3)] string Email,
    [property: Id(4)] bool Retired)
{
    public override string ToString() => $"MergeCredentials {{ Username = {Username}, Retired = {Retired}, *** }}";
}

/// `TookPhone`: the e-Services account now holds the personal account's phone (so the phone grain
/// must follow); false when it had finished its own registration and keeps its own.
[GenerateSerializer, Immutable]
public sealed record MergeAdoption([property: Id(0)] bool TookPhone);

/// What the help desk may know of one person's existing accounts (SA-19): no secret in it.
[GenerateSerializer, Immutable]
public sealed record ExistingAccountsStanding(
    [property: Id(0)] string? EServicesUsername,
    [property: Id(1)] string? PersonalUsername,
    [property: Id(2)] bool Merged,
    [property: Id(3)] DateTimeOffset? OnlineAttemptFailedAt,
    [property: Id(4)] int OnlineAttemptFailures);
