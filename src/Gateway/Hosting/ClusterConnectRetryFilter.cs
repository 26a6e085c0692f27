using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace SecureAccess.Gateway.Hosting;

/// A client-mode gateway may start before PostgreSQL or any silo is up (a container restart, compose
/// ordering): keep trying every 2 s for Cluster:Client:ConnectTimeout instead of exiting on the first
/// failure (Orleans' own filter retries only "no gateway yet", not an unreachable database).
public sealed partial class ClusterConnectRetryFilter(IOptions<ClusterClientOptions> options, ILogger<ClusterConnectRetryFilter> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);
    private readonly Stopwatch _since = Stopwatch.StartNew();

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested || _since.Elapsed + Pause > options.Value.ConnectTimeout) return false;
        LogWaiting(logger, exception.GetType().Name, exception.Message, _since.Elapsed);
        await Task.Delay(Pause, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot reach the cluster yet ({Exception}: {Reason}); retrying (waiting for {Elapsed} so far)")]
    private static partial void LogWaiting(ILogger logger, string exception, string reason, TimeSpan elapsed);
}
