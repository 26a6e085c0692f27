namespace SecureAccess.Audit;

/// A sealed, full chunk of one username's audit trail, written once. Only `IAuditLogGrain` uses it:
/// the key is the chunk's number, the key extension the audit subject.
public interface IAuditChunkGrain : IGrainWithIntegerCompoundKey
{
    Task Store(IReadOnlyList<AuditEvent> events);
    Task<IReadOnlyList<AuditEvent>> List();
    Task Drop();
}
