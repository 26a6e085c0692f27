namespace SecureAccess.Gateway.Hosting;

/// How a client-mode gateway (`Cluster:Mode=Client`) talks to the silos (configuration section
/// `Cluster:Client`). The cluster itself (ClusterId, ServiceId) comes from the `Orleans` section and
/// the database from `ConnectionStrings:Orleans`, as for the silos.
public sealed class ClusterClientOptions
{
    public const string Section = "Cluster:Client";

    /// How often the gateway re-reads the list of live silos from the membership table. Orleans'
    /// default is a minute, during which a hung or departed silo keeps getting calls; 1 s means a silo
    /// the cluster declared dead (~2 s, see the silo's Orleans:Membership) is left within ~3 s.
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// How long one grain call may take before the request fails (503). Orleans' default is 30 s.
    /// A warm sign-in costs tens of milliseconds, but the first calls after a cold start on a busy
    /// machine (JIT, first database connections) took over 5 s in our test runs, so 10 s. It bounds
    /// what a call that was inside a silo when it was killed or hung costs: the Orleans client does
    /// not fail calls in flight on a lost gateway connection, they wait for this timeout (measured;
    /// docs/operations.md).
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// Grain calls that could not reach a live silo are retried (see GrainCallRetryFilter): at most
    /// this many attempts in all, including the first.
    public int RetryAttempts { get; set; } = 8;

    /// Wait before the first retry; it doubles for each further retry, up to RetryMaxDelay.
    public TimeSpan RetryFirstDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// Longest wait between two attempts. With the defaults the attempts span ~4.5 s: longer than
    /// detecting a dead silo (~2 s) plus a gateway-list refresh (1 s).
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// At start-up, how long the gateway keeps trying to reach the cluster (PostgreSQL and at least
    /// one silo) before it gives up and exits; it serves no requests until then.
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
