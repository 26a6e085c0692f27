using Xunit.Abstractions;

namespace SecureAccess.Cluster.Tests.Infrastructure;

/// A test class's own cluster: two silos and a gateway as real processes on loopback, whose logs go
/// to the test output when the class is done.
public abstract class TwoSiloClusterTest(string name, ITestOutputHelper output) : IAsyncLifetime
{
    protected LocalCluster Cluster { get; private set; } = null!;

    protected ITestOutputHelper Output { get; } = output;

    public async Task InitializeAsync()
    {
        Cluster = await LocalCluster.CreateAsync(name);
        await Cluster.StartSilo();
        await Cluster.StartSilo();
        await Cluster.StartGateway();
    }

    public async Task DisposeAsync()
    {
        Cluster.WriteLogsTo(Output);
        await Cluster.DisposeAsync();
    }
}
