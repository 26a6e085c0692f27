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
            default:
                throw new InvalidOperationException($"{ModeKey} '{mode}' is unknown; use '{CoHosted}' or '{Client}'.");
        }
        return mode;
    }
}
