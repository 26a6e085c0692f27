using Orleans.Configuration;

namespace SecureAccess.Silo.Hosting;

/// How fast the cluster notices a dead silo (configuration section `Orleans:Membership`).
///
/// Orleans' defaults take ~12 s to declare a `kill -9`'d silo dead and refresh the membership table
/// once a minute. For a sign-in service that is too long: every request for a grain that lived on the
/// dead silo waits or fails until then. With these defaults a killed silo is declared dead in about
/// 2 s (measured on loopback, see docs/operations.md): each silo probes its peers every ProbeTimeout,
/// 2 missed probes make a suspicion, and in a cluster of 2 a single vote evicts (Orleans asks for
/// min(NumVotesForDeathDeclaration, ⌈active/2⌉) votes, so 2 votes apply from 3 silos on — the
/// survivors all probe every peer, so that costs no extra time but guards against one confused silo
/// evicting a healthy one).
///
/// Shorter is not free: a silo stalled for longer than ProbeTimeout × NumMissedProbesLimit (a long
/// GC pause, a starved VM) is declared dead and has to restart; Orleans stretches the probe timeout
/// while the prober itself is degraded (ExtendProbeTimeoutDuringDegradation) to limit false positives.
public sealed class MembershipTimingOptions
{
    public const string Section = "Orleans:Membership";

    /// Initial timeout of one liveness probe; Orleans adapts it to observed probe times, between
    /// half this value and MaxProbeTimeout.
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// Upper bound of the adapted probe timeout (Orleans' default: 4 × ProbeTimeout). It also sets how
    /// long a silo that stopped answering but still holds its connections open (hung, not crashed) is
    /// given: Orleans ignores suspicions while a connection saw traffic within
    /// MaxProbeTimeout × NumMissedProbesLimit. Measured with 2 s: a SIGSTOPped silo was declared dead
    /// after ~4–5 s (8.5 s with Orleans' 4 s).
    public TimeSpan MaxProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// Missed probes in a row before a silo suspects a peer (and votes it dead).
    public int NumMissedProbesLimit { get; set; } = 2;

    /// Votes that declare a silo dead; capped by Orleans at ⌈active silos / 2⌉ (so 1 with 2 silos).
    public int NumVotesForDeathDeclaration { get; set; } = 2;

    /// How many peers each silo probes (all of them in clusters up to this size).
    public int NumProbedSilos { get; set; } = 10;

    /// How often each silo re-reads the membership table (changes also spread by gossip at once).
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// How often a silo writes its heartbeat into the table; 3 missed heartbeats make its row stale.
    public TimeSpan IAmAliveTablePublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// How long a death vote counts.
    public TimeSpan DeathVoteExpirationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// Dead silos' rows are deleted from the membership table after this long.
    public TimeSpan DefunctSiloExpiration { get; set; } = TimeSpan.FromDays(1);

    public void ApplyTo(ClusterMembershipOptions membership)
    {
        membership.ProbeTimeout = ProbeTimeout;
        membership.MaxProbeTimeout = MaxProbeTimeout;
        membership.NumMissedProbesLimit = NumMissedProbesLimit;
        membership.NumVotesForDeathDeclaration = NumVotesForDeathDeclaration;
        membership.NumProbedSilos = NumProbedSilos;
        membership.TableRefreshTimeout = TableRefreshTimeout;
        membership.IAmAliveTablePublishTimeout = IAmAliveTablePublishTimeout;
        membership.DeathVoteExpirationTimeout = DeathVoteExpirationTimeout;
        membership.DefunctSiloExpiration = DefunctSiloExpiration;
    }
}
