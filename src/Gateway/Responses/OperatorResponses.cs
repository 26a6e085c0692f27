namespace SecureAccess.Gateway.Responses;

/// `POST /api/v1/admin/existing-accounts` → 200 (SA-17, SA-18): what the batch did, and each record refused with its reason.
public sealed record ImportResponse(int Imported, int Skipped, int Merged, IReadOnlyList<ImportRejectionResponse> Rejected);

/// `index` is the record's position in the request's `accounts`.
public sealed record ImportRejectionResponse(int Index, string? Username, string Reason);

/// `GET /api/v1/admin/letters?status=pending` → 200: one letter to print and mail (SA-7).
public sealed record LetterResponse(Guid LetterId, string Username, LetterAddressResponse Address, string Code, DateOnly ExpectedBy);

public sealed record LetterAddressResponse(string Line1, string? Line2, string City, string State, string Zip);

/// `GET /api/v1/admin/audit` → 200: one security event; `detail` never holds a secret.
public sealed record AuditEventResponse(DateTimeOffset At, string Event, string Username, string Source, string Detail, string? Actor);

/// `POST /api/v1/admin/client-authorizations` → 201 (SA-21).
public sealed record ClientAuthorizationResponse(Guid AuthorizationId);

/// `POST /api/v1/admin/signing-keys/rotate` → 202 (issue 10).
public sealed record SigningKeysRotatedResponse(string CurrentKid, string NextKid);

/// `POST /api/v1/helpdesk/exception-registrations` → 201: what the assistor reads out (SA-19), the temporary password once.
public sealed record ExceptionRegistrationResponse(
    string TemporaryPassword, Guid LetterId, DateTimeOffset TemporaryPasswordExpiresAt, string Username,
    DateOnly? LetterExpectedBy, DateTimeOffset? LetterCodeExpiresAt, IReadOnlyList<string> NextSteps);

/// `POST /api/v1/helpdesk/in-person-verifications` → 201 (SA-20): the document types, never their numbers.
public sealed record InPersonVerificationResponse(string Username, DateTimeOffset VerifiedAt, IReadOnlyList<string> DocumentTypes);

/// `GET /api/v1/dev/outbox` → 200: one message the development outbox kept (API.md "Development outbox").
public sealed record OutboxMessageResponse(string Channel, string To, string Subject, string Body, string Code, DateTimeOffset SentAt);
