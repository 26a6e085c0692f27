namespace SecureAccess.Audit;

/// Records security events from any grain. The time comes from the service clock, the source
/// address and operator name from the Orleans `RequestContext` the gateway set for the request.
/// `detail` must never carry a secret.
public interface IAuditTrail
{
    Task Record(string username, string eventName, string detail);

    /// Issue 11: the trail of a subject whose own record was deleted goes with it (see IAuditLogGrain.Forget).
    Task Forget(string username);
}
