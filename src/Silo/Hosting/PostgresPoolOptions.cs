using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace SecureAccess.Silo.Hosting;

/// Issue 13: how a silo uses its pooled PostgreSQL connections (`Storage:Postgres:*`).
/// Every value here yields to the same setting written in the connection string itself.
public sealed class PostgresPoolOptions
{
    public const string Section = "Storage:Postgres";

    /// Npgsql's own default is 100 per process, PostgreSQL's `max_connections` is 100 for the whole server:
    /// two busy silos opened more than the server allows and storage calls failed ("remaining connection
    /// slots are reserved", answered 503). Past the cap a storage call waits for a free connection
    /// instead. Keep silos × MaxPoolSize (+ a few per gateway) under `max_connections`; a few
    /// connections per database core are what PostgreSQL serves fastest anyway (docs/operations.md).
    public int MaxPoolSize { get; set; } = 16;

    /// Statements each connection prepares once it has seen them a few times (Npgsql's "Max Auto
    /// Prepare"; 0 = off, Npgsql's default). A silo sends the same dozen storage, reminder and
    /// membership statements all day, and PostgreSQL parsed and planned every one of them again:
    /// prepared, a code verify cost PostgreSQL ~37 % less CPU and the silos ~20 % less on the
    /// production-topology benchmark (docs/benchmarks.md). Turn it off behind a pooler that does not
    /// keep prepared statements in transaction or statement pooling (docs/operations.md).
    public int MaxAutoPrepare { get; set; } = 20;

    /// What is wrong with the `Storage:Postgres` settings, one line each (the silo refuses to start):
    /// a cap of 0 would silently give Npgsql's 100 connections per silo, the outage the cap prevents.
    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        if (Invalid(section[nameof(MaxPoolSize)], minimum: 1))
            yield return $"{Section}:{nameof(MaxPoolSize)} '{section[nameof(MaxPoolSize)]}' must be a whole number of at least 1.";
        if (Invalid(section[nameof(MaxAutoPrepare)], minimum: 0))
            yield return $"{Section}:{nameof(MaxAutoPrepare)} '{section[nameof(MaxAutoPrepare)]}' must be a whole number of at least 0 (0 = off).";
    }

    private static bool Invalid(string? value, int minimum) =>
        value is not null && (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number < minimum);

    /// The connection string with these settings, except those the string sets itself.
    public static string Apply(IConfiguration configuration, string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var written = WrittenKeys(connectionString);
        var options = configuration.GetSection(Section).Get<PostgresPoolOptions>() ?? new();
        if (options.MaxPoolSize > 0 && !written.Contains("maximumpoolsize") && !written.Contains("maxpoolsize"))
        {
            builder.MaxPoolSize = options.MaxPoolSize;
            builder.MinPoolSize = Math.Min(builder.MinPoolSize, options.MaxPoolSize);
        }
        if (options.MaxAutoPrepare >= 0 && !written.Contains("maxautoprepare"))
            builder.MaxAutoPrepare = options.MaxAutoPrepare;
        return builder.ConnectionString;
    }

    /// The keys the string itself sets, spaces dropped and lower-cased ("Max Auto Prepare" = "MaxAutoPrepare").
    private static HashSet<string> WrittenKeys(string connectionString) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet();
}
