using Microsoft.Extensions.Options;
using SecureAccess.Tokens;

namespace SecureAccess.Gateway.Tokens;

/// Issue 13: this gateway's subscription to session revocations. It renews every
/// `RevocationRenewInterval`; while the last confirmed renewal is younger than
/// `RevocationTrustWindow`, verified tokens are served from the cache, otherwise every request asks
/// the user grain (fail safe). A renewal that finds the subscription broken empties the cache.
/// Timing is real time (Environment.TickCount64): it measures the link's health, not a rule.
public sealed partial class SessionRevocationListener(
    IClusterClient cluster,
    VerifiedTokenCache cache,
    IOptions<TokenOptions> options,
    ILogger<SessionRevocationListener> logger)
    : BackgroundService, ISessionRevocationObserver
{
    private long _confirmedAt = long.MinValue / 2;
    private bool _failing;

    /// True while a revocation published anywhere in the cluster is known to reach this gateway in time.
    public bool Healthy => Environment.TickCount64 - Interlocked.Read(ref _confirmedAt) < (long)options.Value.RevocationTrustWindow.TotalMilliseconds;

    public Task Revoked(SessionsRevoked revocation)
    {
        cache.Revoke(revocation.Username);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        if (options.Value.VerifiedTokenCacheSize <= 0) return; // no cache, nothing to keep fresh
        var reference = cluster.CreateObjectReference<ISessionRevocationObserver>(this);
        var hub = cluster.GetGrain<ISessionRevocationHubGrain>(0);
        while (!stopping.IsCancellationRequested)
        {
            var started = Environment.TickCount64;
            try
            {
                if (!await hub.Subscribe(reference).WaitAsync(options.Value.RevocationTrustWindow, stopping)) cache.Clear();
                Interlocked.Exchange(ref _confirmedAt, started);
                if (_failing) LogRestored(logger);
                _failing = false;
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                if (!_failing) LogFailing(logger, e.GetType().Name);
                _failing = true;
            }
            try { await Task.Delay(options.Value.RevocationRenewInterval, stopping); }
            catch (OperationCanceledException) { break; }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session revocations are not reaching this gateway ({Error}); every request asks the user grain until they do")]
    private static partial void LogFailing(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session revocations reach this gateway again; verified tokens are served from memory")]
    private static partial void LogRestored(ILogger logger);
}
