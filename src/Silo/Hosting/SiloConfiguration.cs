using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;
using Orleans.Storage;
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
                silo.AddMemoryGrainStorage(StorageNames.Expiring);
                silo.UseInMemoryReminderService();
                break;
            case StorageProviders.Postgres:
                silo.UsePostgres(configuration, options);
                break;
            default:
                throw new InvalidOperationException($"{StorageProviders.ConfigKey} '{provider}' is unknown; use '{StorageProviders.Memory}' or '{StorageProviders.Postgres}'.");
        }

        // Grain state in Orleans' own binary format rather than the default Newtonsoft JSON: the
        // state classes are [GenerateSerializer] types whose [Id]s already make them version
        // tolerant, and JSON cost 7-17 % of the CPU of a state write (docs/benchmarks.md, P3).
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        // Lets an operator or a benchmark set e.g. Orleans:GrainCollection:CollectionAge.
        silo.Services.Configure<GrainCollectionOptions>(configuration.GetSection("Orleans:GrainCollection"));

        silo.Services.AddSecureAccessGrains(configuration);
        if (TelemetryOptions.From(configuration).Dashboard) silo.AddDashboard(); // issue 13: operators' view of grains and silos
        return silo;
    }

    /// Production: membership, grain state and reminders in PostgreSQL (the project's own schema,
    /// Persistence/Schema), so any silo can die without losing what it had acknowledged.
    private static void UsePostgres(this ISiloBuilder silo, IConfiguration configuration, SecureAccessClusterOptions options)
    {
        var connectionString = PostgresPoolOptions.Apply(configuration, PostgresConnection.Required(configuration));
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        silo.ConfigureEndpoints(options.ResolveAdvertisedIp(), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: options.ListenOnAnyAddress);

        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgresConnection.Invariant;
            o.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorage(StorageNames.Default, o =>
        {
            o.Invariant = PostgresConnection.Invariant;
            o.ConnectionString = connectionString;
            // Clearing keeps the row (payload NULL, version bumped) so a stale ETag can never
            // resurrect it; see Persistence/Schema/003_storage.sql.
            o.DeleteStateOnClear = false;
        });
        // Issue 11: state that ends (unknown usernames, expired registrations) leaves no row behind.
        silo.AddAdoNetGrainStorage(StorageNames.Expiring, o =>
        {
            o.Invariant = PostgresConnection.Invariant;
            o.ConnectionString = connectionString;
            o.DeleteStateOnClear = true;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = PostgresConnection.Invariant;
            o.ConnectionString = connectionString;
        });

        silo.Services.AllowDatabaseExceptions();

        var timing = configuration.GetSection(MembershipTimingOptions.Section).Get<MembershipTimingOptions>() ?? new();
        silo.Configure<ClusterMembershipOptions>(timing.ApplyTo);
    }

    /// A storage failure travels to the caller as an OrleansException whose inner exception is
    /// Npgsql's. Orleans serializes only exceptions from namespaces it knows (System, Microsoft, …):
    /// without this, the silo cannot send the failure back, and the gateway gets a serializer error
    /// (a 500) instead of a storage error (a 503 "briefly unavailable"). Silos and client-mode
    /// gateways both need it.
    public static IServiceCollection AllowDatabaseExceptions(this IServiceCollection services) =>
        services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add(nameof(Npgsql)));
}
