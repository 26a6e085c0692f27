using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using SecureAccess.Testing;
using Xunit.Abstractions;

namespace SecureAccess.Cluster.Tests.Infrastructure;

/// A silo process as the tests know it.
public sealed record SiloNode(NodeProcess Process, int SiloPort, int GatewayPort, TimeSpan StartedIn)
{
    public string Name => Process.Name;
}

/// A gateway process (Cluster:Mode=Client) and a client of its REST API.
public sealed record GatewayNode(NodeProcess Process, Uri Address, SecureAccessApi Api)
{
    public string Name => Process.Name;
}

/// The production topology on loopback: silo processes and client-mode gateway processes on a
/// database of the test class's own, in the Development environment (its shipped keys, the outbox)
/// unless a test overrides settings through `Settings`.
public sealed class LocalCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly List<NodeProcess> _all = [];
    private IHost? _observer;
    private int _silos;
    private int _gateways;

    private LocalCluster(ScratchDatabase database) => Database = database;

    public ScratchDatabase Database { get; }
    public string ClusterId { get; } = "cluster-tests";
    public List<SiloNode> Silos { get; } = [];
    /// Every gateway started, in order; `Gateway`, `GatewayAddress` and `Api` are the first one's.
    public List<GatewayNode> Gateways { get; } = [];
    public NodeProcess? Gateway => Gateways.FirstOrDefault()?.Process;
    public Uri? GatewayAddress => Gateways.FirstOrDefault()?.Address;
    public SecureAccessApi Api => Gateways.FirstOrDefault()?.Api ?? throw new InvalidOperationException("Start a gateway first.");

    /// Environment variables added to (or replacing) the defaults for every process started from
    /// now on, e.g. `IdentityRecords__Path` or a Production environment with its keys.
    public Dictionary<string, string> Settings { get; } = [];

    public static async Task<LocalCluster> CreateAsync(string purpose) => new(await ScratchDatabase.CreateAsync(purpose));

    /// These tests probe one user from one address many times a minute on purpose (failover timing):
    /// issue 11's per-source and per-recipient limits are set out of reach unless this is false.
    public bool Unthrottled { get; set; } = true;

    public Dictionary<string, string> Environment(ScratchDatabase? database = null)
    {
        var environment = BaseEnvironment(database);
        if (Unthrottled)
            foreach (var (key, value) in TestSettings.Unthrottled()) environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return environment.WithOverrides(Settings);
    }

    private Dictionary<string, string> BaseEnvironment(ScratchDatabase? database) => new()
    {
        ["DOTNET_ENVIRONMENT"] = "Development",
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Storage__Provider"] = "Postgres",
        ["ConnectionStrings__Orleans"] = (database ?? Database).ConnectionString,
        ["Orleans__ClusterId"] = ClusterId,
        ["Orleans__ServiceId"] = ClusterId,
        // Warnings of a dying silo's peers are expected here; keep the captured output small.
        ["Logging__LogLevel__Orleans"] = "Error",
    };

    /// Starts one more silo on free ports and waits until it has joined the cluster (Active).
    public async Task<SiloNode> StartSilo()
    {
        var number = Interlocked.Increment(ref _silos);
        int siloPort = TestSettings.FreePort(), gatewayPort = TestSettings.FreePort();
        var environment = Environment();
        environment["Orleans__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        environment["Orleans__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        var process = NodeProcess.Start($"silo{number}", BuildOutputs.SiloDll, environment);
        _all.Add(process);
        if (!await process.WaitForLine(l => l.Contains("is active", StringComparison.Ordinal), StartTimeout))
            throw new InvalidOperationException($"{process.Name} did not become active:\n{process.Output}");
        var node = new SiloNode(process, siloPort, gatewayPort, clock.Elapsed);
        Silos.Add(node);
        return node;
    }

    /// Starts one more gateway in `Cluster:Mode=Client` and waits until /health/ready says the cluster answers.
    public async Task<GatewayNode> StartGateway()
    {
        var number = Interlocked.Increment(ref _gateways);
        var port = TestSettings.FreePort();
        var environment = Environment();
        environment["Cluster__Mode"] = "Client";
        var process = NodeProcess.Start(number == 1 ? "gateway" : $"gateway{number}", BuildOutputs.GatewayDll, environment, "--urls", $"http://127.0.0.1:{port}");
        _all.Add(process);
        var address = new Uri($"http://127.0.0.1:{port}");
        var node = new GatewayNode(process, address, new SecureAccessApi(new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) }));
        var ready = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"{node.Name} exited:\n{process.Output}");
            try
            {
                // Ready, and warm: the first grain calls of a cold cluster (JIT, first database
                // connections) can take seconds when the whole suite shares two cores.
                if ((await node.Api.Get("/health/ready")).IsSuccessStatusCode
                    && (await node.Api.SignIn("warm-up", "not a password")).StatusCode == System.Net.HttpStatusCode.Unauthorized)
                {
                    Gateways.Add(node);
                    return node;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (ready.Elapsed > StartTimeout) throw new InvalidOperationException($"{node.Name} did not become ready:\n{process.Output}");
            await Task.Delay(200);
        }
    }

    /// An Orleans client in the test process, for the management grain (who hosts what, who is active).
    public async Task<IClusterClient> Observer()
    {
        if (_observer is null)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId));
                client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", Database.ConnectionString));
                client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            });
            _observer = builder.Build();
            await _observer.StartAsync();
        }
        return _observer.Services.GetRequiredService<IClusterClient>();
    }

    public IManagementGrain Management => _observer?.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0)
        ?? throw new InvalidOperationException("Call Observer() first.");

    /// The silo's status in the membership table (3 Active, 5 ShuttingDown, 6 Dead), or null.
    public Task<int?> MembershipStatus(SiloNode silo) =>
        Database.Scalar<int?>("SELECT status FROM orleansmembershiptable WHERE port = @port ORDER BY generation DESC LIMIT 1", ("port", silo.SiloPort));

    public async Task<TimeSpan> WaitForStatus(SiloNode silo, int status, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (await MembershipStatus(silo) != status)
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"{silo.Name} did not reach membership status {status} within {timeout}.");
            await Task.Delay(50);
        }
        return clock.Elapsed;
    }

    /// Every process started so far (silos, gateways), for assertions over all their output.
    public IReadOnlyList<NodeProcess> Processes => _all;

    /// Output of every process, for the message of a failed test.
    public string Logs() => string.Join("\n", _all.Select(p => $"----- {p.Name} (pid {p.Id}{(p.HasExited ? $", exited {p.ExitCode}" : "")})\n{p.Output}"));

    public void WriteLogsTo(ITestOutputHelper output)
    {
        try { output.WriteLine(Logs()); }
        catch (InvalidOperationException) { /* no test is running */ }
    }

    public async ValueTask DisposeAsync()
    {
        if (_observer is not null)
        {
            try { await _observer.StopAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { /* the cluster may be gone */ }
            _observer.Dispose();
        }
        foreach (var process in _all) await process.DisposeAsync();
        await Database.DisposeAsync();
    }
}

internal static class EnvironmentOverrides
{
    public static Dictionary<string, string> WithOverrides(this Dictionary<string, string> defaults, Dictionary<string, string> overrides)
    {
        foreach (var (key, value) in overrides) defaults[key] = value;
        return defaults;
    }
}
