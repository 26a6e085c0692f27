using Microsoft.Extensions.Configuration;
using Npgsql;
using SecureAccess.Silo.Hosting;

namespace SecureAccess.Api.Tests.Hosting;

/// Issue 13: two busy silos with Npgsql's default pool (100 each) exceeded PostgreSQL's 100 connections
/// in the production-topology benchmark; a silo now caps its pool unless the operator's string says otherwise.
public sealed class PostgresPoolOptionsTests
{
    private const string Plain = "Host=127.0.0.1;Port=5432;Database=secureaccess;Username=secureaccess;Password=p";

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build();

    [Fact]
    public void A_silo_holds_at_most_16_connections_by_default()
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresPoolOptions.Apply(Configuration(), Plain));
        Assert.Equal(16, applied.MaxPoolSize);
        Assert.Equal("secureaccess", applied.Database);
    }

    [Fact]
    public void The_cap_is_configurable()
    {
        var applied = PostgresPoolOptions.Apply(Configuration(("Storage:Postgres:MaxPoolSize", "40")), Plain);
        Assert.Equal(40, new NpgsqlConnectionStringBuilder(applied).MaxPoolSize);
    }

    [Fact]
    public void A_pool_size_in_the_connection_string_wins()
    {
        var own = Plain + ";Maximum Pool Size=7";
        Assert.Equal(7, new NpgsqlConnectionStringBuilder(PostgresPoolOptions.Apply(Configuration(("Storage:Postgres:MaxPoolSize", "40")), own)).MaxPoolSize);
    }
}
