using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace SecureAccess.Tokens;

/// Issue 13: pushes "this user's sessions ended" to every subscribed gateway, so gateways can keep
/// verified tokens in memory instead of asking the user grain on every request. Subscriptions live
/// in memory only: a new activation (the hub moved silo) knows nobody, and each gateway learns that
/// from its next renewal and empties its cache. A delivery that fails or is slow drops the observer
/// the same way. Reentrant so that one slow gateway does not hold up renewals or other deliveries.
[Reentrant]
public sealed partial class SessionRevocationHubGrain(TimeProvider clock, ILogger<SessionRevocationHubGrain> logger)
    : Grain, ISessionRevocationHubGrain
{
    /// A gateway that has not renewed for this long is gone (gateways renew several times a second).
    private static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(1);
    private readonly Dictionary<ISessionRevocationObserver, long> _observers = [];

    public Task<bool> Subscribe(ISessionRevocationObserver observer)
    {
        var continuous = _observers.ContainsKey(observer);
        _observers[observer] = clock.GetTimestamp();
        return Task.FromResult(continuous);
    }

    public async Task Publish(SessionsRevoked revocation)
    {
        var now = clock.GetTimestamp();
        foreach (var stale in _observers.Where(o => clock.GetElapsedTime(o.Value, now) > SubscriptionLifetime).Select(o => o.Key).ToList())
            _observers.Remove(stale);
        var deliveries = _observers.Keys.ToList().Select(async observer =>
        {
            try { await observer.Revoked(revocation).WaitAsync(DeliveryTimeout); }
            catch (Exception e)
            {
                // The gateway may have missed it: forget it, so its next renewal answers "not continuous".
                _observers.Remove(observer);
                LogDeliveryFailed(logger, e.GetType().Name);
            }
        }).ToList();
        await Task.WhenAll(deliveries);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A session revocation could not be delivered to a gateway ({Error}); it will empty its token cache when it renews")]
    private static partial void LogDeliveryFailed(ILogger logger, string error);
}
