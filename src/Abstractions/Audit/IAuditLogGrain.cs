namespace SecureAccess.Audit;

/// The audit trail of one username (or one registration before it has a username), oldest first,
/// persisted with the rest of the state and bounded to the newest events.
public interface IAuditLogGrain : IGrainWithStringKey
{
    Task Append(AuditEvent auditEvent);
    Task<IReadOnlyList<AuditEvent>> List();

    /// Issue 11: deletes the whole trail (its row and its sealed chunks). Only for subjects whose own
    /// record is gone: a username nobody holds once its failures are forgotten, an expired registration.
    Task Forget();
}
