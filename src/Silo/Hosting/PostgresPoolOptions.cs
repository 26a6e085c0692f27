using Microsoft.Extensions.Configuration;
using Npgsql;

namespace SecureAccess.Silo.Hosting;

/// Issue 13: how many PostgreSQL connections one silo may hold (`Storage:Postgres:MaxPoolSize`).
/// Npgsql's own default is 100 per process, PostgreSQL's `max_connections` is 100 for the whole server:
/// two busy silos opened more than the server allows and storage calls failed ("remaining connection
/// slots are reserved", answered 503). Past the cap a storage call waits for a free connection
/// instead. Keep silos × MaxPoolSize (+ a few per gateway) under `max_connections`; a few
/// connections per database core are what PostgreSQL serves fastest anyway (docs/operations.md).
public sealed class PostgresPoolOptions
{
    public const string Section = "Storage:Postgres";

    public int MaxPoolSize { get; set; } = 16;

    /// The connection string with this cap, unless the string sets `Maximum Pool Size` itself.
    public static string Apply(IConfiguration configuration, string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var explicitlySet = connectionString.Contains("Pool Size", StringComparison.OrdinalIgnoreCase)
            || connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase);
        if (explicitlySet) return connectionString;
        var options = configuration.GetSection(Section).Get<PostgresPoolOptions>() ?? new();
        if (options.MaxPoolSize <= 0) return connectionString;
        builder.MaxPoolSize = options.MaxPoolSize;
        builder.MinPoolSize = Math.Min(builder.MinPoolSize, options.MaxPoolSize);
        return builder.ConnectionString;
    }
}
