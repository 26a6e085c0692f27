namespace SecureAccess.Audit;

/// Records security events from any grain. The time comes from the service clock, the source
/// address and operator name from the Orleans `RequestContext` the gateway set for the request.
/// `detail` must never carry a secret.
public interface IAuditTrail
{
    Task Record(string username, string eventName, string detail);

    /// Issue 11: the trail of a name nobody holds goes with its row (see IAuditLogGrain.Forget), unless
    /// the name could also be another kind of trail's subject.
    Task ForgetUnheldName(string username);

    /// Issue 11: the trail of an unfinished registration deleted at the end of its lifetime.
    Task ForgetRegistration(Guid registrationId);
}
