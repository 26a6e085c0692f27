using Microsoft.Extensions.Configuration;

namespace SecureAccess.Silo.Hosting;

/// Where the cluster's PostgreSQL is: `ConnectionStrings:Orleans` (env `ConnectionStrings__Orleans`),
/// read the same way by silos, client-mode gateways and the `migrate` command.
public static class PostgresConnection
{
    public const string Name = "Orleans";
    public const string ConfigKey = "ConnectionStrings:" + Name;

    /// What the ADO.NET providers load to talk to PostgreSQL (Npgsql's provider factory).
    public const string Invariant = "Npgsql";

    /// Only the `migrate` command falls back to this variable: test.sh and scripts/postgres.sh export it.
    public const string FallbackVariable = "SA_PG_CONNECTION";

    public static string? Find(IConfiguration configuration) =>
        configuration.GetConnectionString(Name) is { Length: > 0 } value ? value : null;

    public static string MissingMessage =>
        $"{StorageProviders.ConfigKey} is '{StorageProviders.Postgres}' but {ConfigKey} is not set " +
        $"(environment variable ConnectionStrings__{Name}=Host=...;Port=...;Database=...;Username=...;Password=...).";

    public static string Required(IConfiguration configuration) =>
        Find(configuration) ?? throw new InvalidOperationException(MissingMessage);
}
