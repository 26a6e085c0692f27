namespace SecureAccess.Audit;

/// One security event (who, what, when, from where). `Detail` never holds a secret: no password,
/// code, SSN, account or document number, temporary password or key.
[GenerateSerializer, Immutable]
public sealed record AuditEvent(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Event,
    [property: Id(2)] string Username,
    [property: Id(3)] string Source,
    [property: Id(4)] string Detail,
    [property: Id(5)] string? Actor = null);

/// Orleans `RequestContext` keys the gateway sets for every request; the audit trail reads them.
public static class AuditContext
{
    /// The client's address as the gateway saw it.
    public const string Source = "source";

    /// The name of the operator key that made the call (never the key).
    public const string Operator = "operator";

    /// Subject of registration events before a username exists.
    public static string RegistrationSubject(Guid registrationId) => $"registration/{registrationId}";
}

/// The `event` names of the audit trail.
public static class AuditEvents
{
    public const string RegistrationStarted = "registration.started";
    public const string RegistrationEmailConfirmed = "registration.email-confirmed";
    public const string RegistrationIdentityVerified = "registration.identity-verified";
    public const string RegistrationIdentityRefused = "registration.identity-refused";
    public const string RegistrationCredentialsChosen = "registration.credentials-chosen";
    public const string RegistrationLetterConfirmed = "registration.letter-confirmed";
    public const string RegistrationCompleted = "registration.completed";
    public const string CodeSent = "code.sent";
    public const string SignInPasswordAccepted = "sign-in.password-accepted";
    /// Any failure that counts toward the lockout: wrong password, wrong code, wrong existing password.
    public const string SignInFailed = "sign-in.failed";
    public const string SignInCompleted = "sign-in.completed";
    public const string SignInWhileLocked = "sign-in.refused-locked";
    public const string LockoutEngaged = "lockout.engaged";
    public const string PasswordRehashed = "password.rehashed";
    public const string AccountImported = "import.imported";
    public const string ImportRejected = "import.rejected";
    public const string AccountsMerged = "import.merged";
    public const string MigrationStarted = "migration.started";
    public const string MigrationRefused = "migration.refused";
    public const string MigrationCancelled = "migration.cancelled";
    public const string OnlineAttemptFailed = "migration.online-attempt-failed";
    public const string HelpDeskUserViewed = "helpdesk.user-viewed";
    public const string InPersonVerified = "helpdesk.in-person-verified";
    public const string ExceptionRefused = "helpdesk.exception-refused";
    public const string ExceptionCreated = "helpdesk.exception-created";
    public const string ProductAccessGranted = "product.access-granted";
    public const string ProductAccessRefused = "product.access-refused";
    public const string PasswordChanged = "profile.password-changed";
    public const string PhoneChangeStarted = "profile.phone-change-started";
    public const string PhoneChanged = "profile.phone-changed";
    public const string RecoveryStarted = "recovery.started";
    public const string TemporaryPasswordIssued = "recovery.temporary-password-issued";
    // Issue 14 (seed journeys).
    public const string PhoneNotAssociated = "phone.not-associated";
    public const string ProductGranted = "product.granted";
    public const string ProductRevoked = "product.revoked";
    public const string AuthenticatorKeyIssued = "profile.authenticator-key-issued";
    public const string AuthenticatorEnrolled = "profile.authenticator-enrolled";
    public const string SecondFactorChosen = "profile.second-factor-chosen";
    public const string ClientAuthorizationRecorded = "tds.client-authorization-recorded";
    public const string ClientAuthorizationRevoked = "tds.client-authorization-revoked";
    public const string TranscriptRequested = "tds.transcript-requested";
    public const string TranscriptRefused = "tds.transcript-refused";
    /// The email or SMS provider refused a message for good (invalid number, address or credentials); issue 10.
    public const string MessageRefused = "message.refused";
}
