namespace SecureAccess.Audit;

/// The operator audit trail (SPEC §6): how many events each username keeps, newest kept.
public sealed class AuditOptions
{
    public const string Section = "SecureAccess:Audit";
    public int MaxEventsPerUser { get; set; } = 500;

    /// Events per stored chunk. An append rewrites at most this many events, whatever
    /// `MaxEventsPerUser` is (docs/benchmarks.md, P2).
    public int EventsPerChunk { get; set; } = 25;

    /// Issue 11: security events (`SecurityEvents.Kinds`) kept per kind outside the rolling window,
    /// so anonymous noise never pushes a lock or a password change out of the trail. Per kind, so
    /// one kind an outsider can cause (recovery asked) cannot push out another (a lock).
    public int SecurityEventsKeptPerKind { get; set; } = 20;
}
