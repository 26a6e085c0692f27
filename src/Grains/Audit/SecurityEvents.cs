namespace SecureAccess.Audit;

/// Issue 11: the events an owner or operator must still find after any amount of anonymous noise
/// (failed sign-ins, refused attempts). Each kind is kept apart from the rolling window of the trail.
public static class SecurityEvents
{
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
    {
        AuditEvents.LockoutEngaged,
        AuditEvents.PasswordChanged,
        AuditEvents.PhoneChangeStarted,
        AuditEvents.PhoneChanged,
        AuditEvents.RecoveryStarted,
        AuditEvents.TemporaryPasswordIssued,
        AuditEvents.AuthenticatorEnrolled,
        AuditEvents.SecondFactorChosen,
        AuditEvents.AccountsMerged,
        AuditEvents.InPersonVerified,
        AuditEvents.ExceptionCreated,
    };
}
