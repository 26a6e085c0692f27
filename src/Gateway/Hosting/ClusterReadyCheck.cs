using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SecureAccess.Gateway.Hosting;

/// Ready means the cluster answers a call within a couple of seconds.
public sealed class ClusterReadyCheck(IClusterClient cluster) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return hosts.Count > 0 ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s)") : HealthCheckResult.Unhealthy("No active silo.");
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The cluster does not answer.");
        }
    }
}
