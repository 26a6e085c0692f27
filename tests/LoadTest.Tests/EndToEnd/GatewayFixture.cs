using SecureAccess.LoadTest.Data;
using SecureAccess.Testing;

namespace SecureAccess.LoadTest.Tests.EndToEnd;

/// One real gateway (Program, dev mode, co-hosted silo, fake clock) for every end-to-end run of
/// the tool, its own so that no other suite's registrations take its identity records (SA-4d:
/// one registration per SSN per host). Each test takes its own slice of the shipped synthetic
/// records, so the tests share the host without sharing people.
public sealed class GatewayFixture : IAsyncLifetime
{
    private const int FirstGenerated = 5; // the five fixture people come first; other suites use them

    private IReadOnlyList<IdentityRecord> records = [];

    public ApiFactory Factory { get; } = new();

    /// Records [from, from + count) of the generated part of the shipped synthetic file.
    public IReadOnlyList<IdentityRecord> Identities(int from, int count) =>
        records.Skip(FirstGenerated + from).Take(count).ToList();

    public async Task InitializeAsync()
    {
        // The tool's whole load comes from one address: issue 11's limits would refuse most of it.
        foreach (var (key, value) in TestSettings.Unthrottled()) Factory.Settings[key] = value;
        // Starts the host (and its silo) once, before the first run.
        _ = Factory.Server;
        records = await IdentityRecordFile.ReadAsync(Path.Combine(AppContext.BaseDirectory, "identity-records.synthetic.json"), CancellationToken.None);
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
