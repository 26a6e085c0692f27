using Microsoft.Extensions.Options;
using Orleans.Runtime.Messaging;
using SecureAccess.Common;

namespace SecureAccess.Gateway.Hosting;

/// The one place where a client-mode gateway retries grain calls: when a silo dies (or leaves in a
/// rolling restart), calls to its grains fail until the cluster has declared it dead and the grains
/// re-activate elsewhere from PostgreSQL. Retrying those calls for a few seconds turns the failover
/// into a short delay instead of errors.
///
/// Only failures to reach a live silo are retried (ClusterFaults.IsUnreachable): rejections, a silo
/// that became unavailable, no gateway to connect to. A grain's own exceptions and storage errors (the
/// database is down) are not: they fail at once (503). A timeout is retried only for a method marked
/// [SafeToRepeat] (a read): Orleans 10.4 can lose the answer to a call whose silo stops under it
/// (dotnet/orleans#10165), and a read may run twice where a sign-in attempt may not.
///
/// What a retry can repeat: most of these failures mean the call never ran, but
/// SiloUnavailableException also arrives when the silo died after running the call and before
/// answering. Grains write state before they answer, so the effect is durable and the retry runs the
/// call a second time against the re-activated grain. Registration steps, phone claims and session
/// ends are idempotent (a repeated call returns the first result). A sign-in attempt is not: a
/// repeated wrong password counts twice toward SA-10's lockout (so a lock can come one attempt early
/// — erring towards safety, and only for an attempt caught by a silo's death), a repeated right
/// password opens a second challenge and sends a second SMS code (the first expires unused), and a
/// repeated code check of an already-used challenge fails and the user signs in again.
public sealed partial class GrainCallRetryFilter(IOptions<ClusterClientOptions> options, ILogger<GrainCallRetryFilter> logger) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var settings = options.Value;
        var delay = settings.RetryFirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await context.Invoke();
                return;
            }
            catch (Exception e) when (attempt < settings.RetryAttempts && (ClusterFaults.IsUnreachable(e) || IsRepeatableTimeout(context, e)))
            {
                // Never log arguments: they carry passwords and codes.
                LogRetry(logger, context.InterfaceName, context.MethodName, e.GetType().Name, attempt, settings.RetryAttempts, delay);
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.RetryMaxDelay.Ticks));
        }
    }

    private static bool IsRepeatableTimeout(IOutgoingGrainCallContext context, Exception e) =>
        e is TimeoutException && context.InterfaceMethod?.IsDefined(typeof(SafeToRepeatAttribute), inherit: false) == true;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain call {Interface}.{Method} did not reach a live silo ({Exception}); attempt {Attempt} of {Attempts}, retrying in {Delay}")]
    private static partial void LogRetry(ILogger logger, string @interface, string method, string exception, int attempt, int attempts, TimeSpan delay);
}

/// Which failures mean "the cluster could not be reached", as opposed to a grain's own error.
public static class ClusterFaults
{
    /// The call did not reach a live silo (or the silo died under it): worth retrying elsewhere.
    public static bool IsUnreachable(Exception e) => e is OrleansMessageRejectionException // includes SiloUnavailableException
        or GatewayTooBusyException
        or ConnectionFailedException
        or Microsoft.AspNetCore.Connections.ConnectionAbortedException
        or Microsoft.AspNetCore.Connections.ConnectionResetException
        or System.Net.Sockets.SocketException;
}
