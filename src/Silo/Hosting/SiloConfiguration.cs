using Microsoft.Extensions.Configuration;
using SecureAccess.Hosting;

namespace SecureAccess.Silo.Hosting;

public static class SiloConfiguration
{
    /// One silo's wiring, shared by the standalone silo and the gateway's dev mode: storage,
    /// reminders and clustering chosen from configuration, then the grains' own services.
    public static ISiloBuilder ConfigureSecureAccessSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = configuration.GetSection(SecureAccessClusterOptions.Section).Get<SecureAccessClusterOptions>() ?? new();
        var provider = StorageProviders.Selected(configuration);
        switch (provider)
        {
            case StorageProviders.Memory:
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
                silo.AddMemoryGrainStorage(StorageNames.Default);
                silo.UseInMemoryReminderService();
                break;
            default:
                throw new InvalidOperationException($"{StorageProviders.ConfigKey} '{provider}' is unknown; use '{StorageProviders.Memory}' or '{StorageProviders.Postgres}'.");
        }

        silo.Services.AddSecureAccessGrains(configuration);
        return silo;
    }
}
