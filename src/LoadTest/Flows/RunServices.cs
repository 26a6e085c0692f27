using SecureAccess.Client;
using SecureAccess.LoadTest.Cli;
using SecureAccess.LoadTest.Data;

namespace SecureAccess.LoadTest.Flows;

/// What every flow of a run shares.
internal sealed class RunServices(LoadTestOptions options, SecureAccessClient api, NameFactory names, SeededRandom random)
{
    public LoadTestOptions Options { get; } = options;

    /// The generated client (issue 12); `Api.WithAccessToken(token)` calls as a signed-in user.
    public SecureAccessClient Api { get; } = api;

    public TimeProvider Clock => Options.Clock;

    public NameFactory Names { get; } = names;

    public SeededRandom Random { get; } = random;

    public OutboxReader Outbox { get; } = new(api, options.OutboxTimeout);
}
