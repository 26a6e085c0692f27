namespace SecureAccess.Audit;

/// The audit trail of one username (or one registration before it has a username), oldest first,
/// persisted with the rest of the state and bounded to the newest events.
public interface IAuditLogGrain : IGrainWithStringKey
{
    Task Append(AuditEvent auditEvent);
    Task<IReadOnlyList<AuditEvent>> List();
}
