using Microsoft.Extensions.Time.Testing;
using SecureAccess.LoadTest.Cli;
using SecureAccess.LoadTest.Data;

namespace SecureAccess.LoadTest.Tests.Fakes;

/// The fake API, its clock and options that aim the tool at it: how a WebApplicationFactory test
/// would call <see cref="LoadTestRunner.RunAsync"/>, with a fake handler instead.
internal sealed class FakeServer
{
    public FakeServer(int identities = 50)
    {
        Identities = SyntheticIdentities.Create(identities);
        Api = new FakeSecureAccessApi(Clock, Identities);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 1, 15, 12, 0, 0, TimeSpan.Zero));

    public IReadOnlyList<IdentityRecord> Identities { get; }

    public FakeSecureAccessApi Api { get; }

    public LoadTestOptions Options(ScenarioKind scenario, int requests, int concurrency = 4) => new()
    {
        Scenario = scenario,
        Target = new Uri("http://localhost"),
        Handler = Api,
        Clock = Clock,
        Identities = Identities,
        Requests = requests,
        Concurrency = concurrency,
        Warmup = TimeSpan.Zero,
        Duration = TimeSpan.FromMinutes(2),
        OutboxTimeout = TimeSpan.FromSeconds(2),
        Seed = 1234,
    };

    /// Past every TOTP step used so far, so app users may sign in again (no replay).
    public void NextTotpStep() => Clock.Advance(TimeSpan.FromSeconds(30));
}
