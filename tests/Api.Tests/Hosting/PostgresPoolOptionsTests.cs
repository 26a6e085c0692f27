using Microsoft.Extensions.Configuration;
using Npgsql;
using SecureAccess.Silo.Hosting;

namespace SecureAccess.Api.Tests.Hosting;

/// Issue 13: two busy silos with Npgsql's default pool (100 each) exceeded PostgreSQL's 100 connections
/// in the production-topology benchmark; a silo now caps its pool unless the operator's string says otherwise.
/// Its connections also prepare the statements they repeat (PostgreSQL CPU per verify −37 %), again unless
/// the string says otherwise.
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

    [Fact]
    public void Connections_prepare_their_repeated_statements_by_default()
    {
        Assert.Equal(20, new NpgsqlConnectionStringBuilder(PostgresPoolOptions.Apply(Configuration(), Plain)).MaxAutoPrepare);
    }

    [Fact]
    public void Preparing_can_be_turned_off_for_poolers_that_cannot_keep_prepared_statements()
    {
        var applied = PostgresPoolOptions.Apply(Configuration(("Storage:Postgres:MaxAutoPrepare", "0")), Plain);
        Assert.Equal(0, new NpgsqlConnectionStringBuilder(applied).MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Max Auto Prepare=3", 3, 16)]
    [InlineData("MaxAutoPrepare=3", 3, 16)]
    [InlineData("max auto prepare=0", 0, 16)]
    [InlineData("MaxPoolSize=7", 20, 7)]
    [InlineData("maximum pool size=7", 20, 7)]
    [InlineData("Minimum Pool Size=2", 20, 16)] // a minimum is not a maximum
    [InlineData("Auto Prepare Min Usages=2", 20, 16)]
    public void What_the_connection_string_sets_itself_wins_whatever_its_case(string own, int autoPrepare, int poolSize)
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresPoolOptions.Apply(Configuration(), Plain + ";" + own));
        Assert.Equal(autoPrepare, applied.MaxAutoPrepare);
        Assert.Equal(poolSize, applied.MaxPoolSize);
        Assert.Equal("p", applied.Password);
    }

    [Theory]
    [InlineData("MaxPoolSize", "0")]
    [InlineData("MaxPoolSize", "-5")]
    [InlineData("MaxPoolSize", "many")]
    [InlineData("MaxAutoPrepare", "-1")]
    [InlineData("MaxAutoPrepare", "20.5")]
    public void A_silo_refuses_settings_out_of_range_with_one_clear_line(string key, string value)
    {
        var configuration = Configuration(("Storage:Provider", "Postgres"), ("ConnectionStrings:Orleans", Plain), ($"Storage:Postgres:{key}", value));
        var problem = Assert.Single(SiloStartupChecks.StorageProblems(configuration));
        Assert.Contains($"Storage:Postgres:{key} '{value}'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_in_range_are_no_problem()
    {
        var configuration = Configuration(("Storage:Provider", "Postgres"), ("ConnectionStrings:Orleans", Plain),
            ("Storage:Postgres:MaxPoolSize", "1"), ("Storage:Postgres:MaxAutoPrepare", "0"));
        Assert.Empty(SiloStartupChecks.StorageProblems(configuration));
    }
}
