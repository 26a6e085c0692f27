namespace SecureAccess.HelpDesk;

/// SA-20: the government IDs an assistor may record; two of different types are needed.
public static class IdentityDocumentTypes
{
    public static readonly IReadOnlyList<string> All =
        ["drivers_license", "state_id", "passport", "passport_card", "military_id", "permanent_resident_card", "tribal_id"];

    public const int Required = 2;
}

/// One ID shown at a Taxpayer Assistance Center. The number is used for the record's last 4 only.
[GenerateSerializer, Immutable]
public sealed record IdentityDocument([property: Id(0)] string Type, [property: Id(1)] string Number)
{
    public override string ToString() => $"IdentityDocument {{ Type = {Type}, Number = *** }}";
}

/// SA-20: an assistor's record of an in-person verification.
[GenerateSerializer, Immutable]
public sealed record InPersonVerification(
    [property: Id(0)] string AssistorId,
    [property: Id(1)] string Office,
    [property: Id(2)] IReadOnlyList<IdentityDocument> Documents);

[GenerateSerializer, Immutable]
public sealed record InPersonRecorded([property: Id(0)] DateTimeOffset VerifiedAt, [property: Id(1)] IReadOnlyList<string> DocumentTypes);

/// SA-19: the assistor's identity check by phone (email access, current and prior-year returns).
[GenerateSerializer, Immutable]
public sealed record ExceptionRequest(
    [property: Id(0)] string AssistorId,
    [property: Id(1)] bool EmailAccess,
    [property: Id(2)] bool CurrentYearReturn,
    [property: Id(3)] bool PriorYearReturn)
{
    public bool AllChecksPassed => EmailAccess && CurrentYearReturn && PriorYearReturn;
}

/// What the assistor reads out (the temporary password, once) and the letter that carries the activation code.
[GenerateSerializer, Immutable]
public sealed record ExceptionAccountCreated(
    [property: Id(0)] string TemporaryPassword,
    [property: Id(1)] Guid LetterId,
    [property: Id(2)] DateTimeOffset TemporaryPasswordExpiresAt,
    [property: Id(3)] Guid RegistrationId,
    [property: Id(4)] DateOnly? LetterExpectedBy = null,
    [property: Id(5)] DateTimeOffset? LetterCodeExpiresAt = null)
{
    public override string ToString() => $"ExceptionAccountCreated {{ LetterId = {LetterId}, TemporaryPassword = *** }}";
}

/// SA-21: a session allowed into a product.
[GenerateSerializer, Immutable]
public sealed record ProductAccess([property: Id(0)] string Product, [property: Id(1)] string Username);

/// `GET /api/v1/helpdesk/users/{username}`: what an assistor may see. No secret, no full SSN or phone.
[GenerateSerializer, Immutable]
public sealed record HelpDeskUserView(
    [property: Id(0)] string Username,
    [property: Id(1)] string Status,
    [property: Id(2)] DateTimeOffset? LockedUntil,
    [property: Id(3)] int FailedAttempts,
    [property: Id(4)] bool PhoneVerified,
    [property: Id(5)] string? MaskedPhone,
    [property: Id(6)] string? SsnLast4,
    [property: Id(7)] IReadOnlyList<string> Products,
    [property: Id(8)] HelpDeskExistingAccount? ExistingAccount,
    [property: Id(9)] HelpDeskInPerson? InPersonVerification,
    [property: Id(10)] HelpDeskException? ExceptionRegistration);

[GenerateSerializer, Immutable]
public sealed record HelpDeskExistingAccount(
    [property: Id(0)] string Kind,
    [property: Id(1)] DateTimeOffset ImportedAt,
    [property: Id(2)] bool PhoneValidatedByLetter5903,
    [property: Id(3)] string? Origin,
    [property: Id(4)] string? MergedInto,
    [property: Id(5)] string? MergedFrom,
    [property: Id(6)] DateTimeOffset? OnlineAttemptFailedAt,
    [property: Id(7)] int OnlineAttemptFailures);

[GenerateSerializer, Immutable]
public sealed record HelpDeskInPerson(
    [property: Id(0)] DateTimeOffset VerifiedAt,
    [property: Id(1)] string AssistorId,
    [property: Id(2)] string Office,
    [property: Id(3)] IReadOnlyList<string> DocumentTypes);

[GenerateSerializer, Immutable]
public sealed record HelpDeskException(
    [property: Id(0)] DateTimeOffset CreatedAt,
    [property: Id(1)] string AssistorId,
    [property: Id(2)] Guid LetterId,
    [property: Id(3)] DateTimeOffset TemporaryPasswordExpiresAt,
    [property: Id(4)] bool ByInPersonVerification);

/// SA-19: what the help desk gives a registration it starts for an existing e-Services user.
[GenerateSerializer, Immutable]
public sealed record ExceptionRegistrationStart(
    [property: Id(0)] string Username,
    [property: Id(1)] string Email,
    [property: Id(2)] string SsnHash,
    [property: Id(3)] string SsnLast4,
    [property: Id(4)] string FirstName,
    [property: Id(5)] string LastName,
    [property: Id(6)] Registration.PostalAddress AddressOfRecord)
{
    public override string ToString() => $"ExceptionRegistrationStart {{ Username = {Username} }}";
}

[GenerateSerializer, Immutable]
public sealed record ExceptionLetter([property: Id(0)] Guid LetterId, [property: Id(1)] DateOnly? ExpectedBy, [property: Id(2)] DateTimeOffset CodeExpiresAt);
