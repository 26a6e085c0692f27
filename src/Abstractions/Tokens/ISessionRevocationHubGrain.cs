using Orleans.Concurrency;

namespace SecureAccess.Tokens;

/// A user's sessions ended (sign-out, password change, merge): every gateway drops what it cached
/// for that username and asks the user grain again on its next request (issue 13).
[GenerateSerializer, Immutable]
public sealed record SessionsRevoked([property: Id(0)] string Username);

/// A gateway's listener for revocations.
public interface ISessionRevocationObserver : IGrainObserver
{
    Task Revoked(SessionsRevoked revocation);
}

/// Fans revocations out to the gateways (key 0). Gateways renew their subscription often; the
/// answer tells whether they were subscribed without a gap, so a gateway that may have missed a
/// revocation (hub moved to another silo, a delivery failed) empties its cache (fails safe).
public interface ISessionRevocationHubGrain : IGrainWithIntegerKey
{
    /// Subscribes or renews; true when this observer was already subscribed and got every revocation since.
    Task<bool> Subscribe(ISessionRevocationObserver observer);

    [OneWay]
    Task Publish(SessionsRevoked revocation);
}
