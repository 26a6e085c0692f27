using System.Diagnostics;
using System.Globalization;
using System.Net;
using SecureAccess.Cluster.Tests.Infrastructure;
using SecureAccess.Testing;
using Xunit.Abstractions;

namespace SecureAccess.Cluster.Tests;

/// Issue 3, "Bad input and faults": a silo refuses to start, in one line, without the database or its
/// schema; `migrate` makes a database usable; losing the database while running answers 503 problem
/// details (never 500) and heals by itself when it is back.
public sealed class DatabaseFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "not-the-real-one-4711";
    private LocalCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalCluster.CreateAsync("faults");

    public async Task DisposeAsync()
    {
        _cluster.WriteLogsTo(output);
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_silo_refuses_to_start_in_one_line_when_the_database_is_down()
    {
        var environment = _cluster.Environment();
        environment["ConnectionStrings__Orleans"] = $"Host=127.0.0.1;Port={TestSettings.FreePort()};Database=nowhere;Username=secureaccess;Password={Password}";

        var line = await RefusalOf(environment);

        Assert.Contains("Cannot connect to PostgreSQL", line);
        Assert.Contains("Database=nowhere", line);
    }

    [Fact]
    public async Task A_silo_refuses_a_database_without_the_schema_until_migrate_has_run()
    {
        await using var empty = await ScratchDatabase.CreateAsync("empty", migrate: false);
        var environment = _cluster.Environment(empty);

        var line = await RefusalOf(environment);
        Assert.Contains("has no Secure Access schema", line);
        Assert.Contains("-- migrate", line);

        // test.sh's way: SA_PG_CONNECTION when ConnectionStrings:Orleans is not set.
        var migrate = await Run(new() { ["SA_PG_CONNECTION"] = empty.ConnectionString }, "migrate");
        Assert.Equal(0, migrate.ExitCode);
        Assert.Contains("created the Secure Access schema, version", migrate.Output);
        var again = await Run(new(), "migrate", "--connection", empty.ConnectionString);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already had schema version", again.Output);
        Assert.DoesNotContain(new Npgsql.NpgsqlConnectionStringBuilder(empty.ConnectionString).Password!, migrate.Output + again.Output);

        await using var silo = NodeProcess.Start("migrated-silo", BuildOutputs.SiloDll, WithPorts(environment));
        Assert.True(await silo.WaitForLine(l => l.Contains("is active", StringComparison.Ordinal), TimeSpan.FromSeconds(60)), silo.Output);
    }

    [Fact]
    public async Task A_production_silo_refuses_the_development_keys()
    {
        var environment = _cluster.Environment();
        environment["DOTNET_ENVIRONMENT"] = "Production";
        environment["SecureAccess__Keys__CodeHmacKey"] = "DEVELOPMENT-ONLY:47TjjXzl+mztiAia+yWh8cD+q6oCje6d7Z5mRnDQ4dg=";

        // Issue 10: one line per problem (the other problems of this half-configured Production silo included).
        var lines = await RefusalLines(environment);

        Assert.Contains("Secure Access silo refused to start: SecureAccess:Keys:CodeHmacKey is the shipped DEVELOPMENT-ONLY key, allowed only in Development.", lines);
        Assert.Contains(lines, l => l.Contains("SecureAccess:Keys:SsnHmacKey is not set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Losing_the_database_answers_503_problem_details_and_service_comes_back_by_itself()
    {
        await _cluster.StartSilo();
        await _cluster.StartGateway();
        var api = _cluster.Api;
        var ada = await api.Register(People.Fresh());
        await api.SignInFully(ada);

        await _cluster.Database.CutOffAsync();
        var cutAt = Stopwatch.StartNew();
        var statuses = new List<HttpStatusCode>();
        try
        {
            while (cutAt.Elapsed < TimeSpan.FromSeconds(4))
            {
                foreach (var response in new[]
                         {
                             await api.SignIn(ada.Username, ada.Password),                // a new challenge must be stored
                             await api.SignIn(Unique.Username("nobody"), "not the password"), // a failure must be remembered
                             await api.Post("/api/v1/registrations", new System.Text.Json.Nodes.JsonObject { ["email"] = Unique.Email() }),
                         })
                {
                    statuses.Add(response.StatusCode);
                    await response.ShouldBeProblem(HttpStatusCode.ServiceUnavailable, "service_unavailable");
                    Assert.True(response.Headers.RetryAfter is not null, "503 without Retry-After");
                }
            }
        }
        finally
        {
            await _cluster.Database.RestoreAsync();
        }

        var restoredAt = Stopwatch.StartNew();
        string? lastError = null;
        while (true)
        {
            var attempt = await SignIns.Attempt(api, ada);
            if (attempt.Result == SignInResult.SignedIn) break;
            lastError = attempt.Detail;
            Assert.True(restoredAt.Elapsed < TimeSpan.FromSeconds(60), $"No sign-in within 60 s of the database's return: {lastError}");
            await Task.Delay(100);
        }
        var recovery = restoredAt.Elapsed;
        var newcomer = await api.Register(People.Fresh());
        await api.SignInFully(newcomer);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Database cut off for {(cutAt.Elapsed - recovery).TotalSeconds:0.0} s: {statuses.Count} requests, all 503 problem details; " +
            $"first full sign-in {recovery.TotalSeconds:0.00} s after it came back."));
    }

    /// Starts a silo that must refuse: it exits non-zero with one line naming the problem, no stack
    /// trace, no password.
    private async Task<string> RefusalOf(Dictionary<string, string> environment) => Assert.Single(await RefusalLines(environment));

    /// Every line of a silo that must refuse: exit 2, each line naming one problem, no stack trace, no password.
    private async Task<string[]> RefusalLines(Dictionary<string, string> environment)
    {
        await using var silo = NodeProcess.Start("refused-silo", BuildOutputs.SiloDll, WithPorts(environment));
        var exitCode = await silo.WaitForExit(TimeSpan.FromSeconds(60));
        output.WriteLine(silo.Output);
        Assert.Equal(2, exitCode);
        var lines = silo.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.StartsWith("Secure Access silo refused to start: ", line));
        Assert.DoesNotContain(lines, line => line.Contains(Password, StringComparison.Ordinal));
        return lines;
    }

    private static async Task<(int ExitCode, string Output)> Run(Dictionary<string, string> environment, params string[] args)
    {
        await using var process = NodeProcess.Start("silo-" + args[0], BuildOutputs.SiloDll, environment, args);
        var exitCode = await process.WaitForExit(TimeSpan.FromSeconds(60));
        return (exitCode, process.Output);
    }

    private static Dictionary<string, string> WithPorts(Dictionary<string, string> environment) => new(environment)
    {
        ["Orleans__SiloPort"] = TestSettings.FreePort().ToString(CultureInfo.InvariantCulture),
        ["Orleans__GatewayPort"] = TestSettings.FreePort().ToString(CultureInfo.InvariantCulture),
    };
}
