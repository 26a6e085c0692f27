using Orleans.Configuration;
using Orleans.Dashboard;
using SecureAccess.Silo.Hosting;

namespace SecureAccess.Gateway.Hosting;

public static class ClusterConnection
{
    public const string ModeKey = "Cluster:Mode";
    public const string CoHosted = "CoHosted";
    public const string Client = "Client";

    /// Dev mode (the default) hosts a silo in this process; `Cluster:Mode=Client` joins a cluster of silos.
    public static string AddSecureAccessCluster(this WebApplicationBuilder builder)
    {
        var mode = builder.Configuration[ModeKey] is { Length: > 0 } m ? m : CoHosted;
        switch (mode)
        {
            case CoHosted:
                builder.UseOrleans(silo => silo.ConfigureSecureAccessSilo(builder.Configuration));
                break;
            case Client:
                builder.AddClusterClient();
                break;
            default:
                throw new InvalidOperationException($"{ModeKey} '{mode}' is unknown; use '{CoHosted}' or '{Client}'.");
        }
        return mode;
    }

    /// An Orleans client of the silos in `ConnectionStrings:Orleans` (PostgreSQL membership table):
    /// it finds them through the table, refreshes that list every second, and retries calls that a
    /// silo's death or departure caught (GrainCallRetryFilter).
    private static void AddClusterClient(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var connectionString = PostgresConnection.Find(configuration)
            ?? throw new InvalidOperationException($"{ModeKey} is '{Client}' but {PostgresConnection.ConfigKey} is not set: the gateway finds the silos in PostgreSQL.");
        var cluster = configuration.GetSection(SecureAccessClusterOptions.Section).Get<SecureAccessClusterOptions>() ?? new();
        var clientSection = configuration.GetSection(ClusterClientOptions.Section);
        var client = clientSection.Get<ClusterClientOptions>() ?? new();
        builder.Services.Configure<ClusterClientOptions>(clientSection);

        builder.UseOrleansClient(orleans =>
        {
            orleans.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            orleans.UseAdoNetClustering(o =>
            {
                o.Invariant = PostgresConnection.Invariant;
                o.ConnectionString = connectionString;
            });
            orleans.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = client.GatewayListRefreshPeriod);
            orleans.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = client.ResponseTimeout);
            orleans.AddOutgoingGrainCallFilter<GrainCallRetryFilter>();
            orleans.UseConnectionRetryFilter<ClusterConnectRetryFilter>();
            orleans.Services.AllowDatabaseExceptions();
            if (TelemetryOptions.From(configuration).Dashboard) orleans.AddDashboard(); // issue 13: served at /dashboard/
        });
    }
}
