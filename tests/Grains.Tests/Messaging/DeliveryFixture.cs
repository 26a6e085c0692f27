using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;
using Orleans.TestingHost;
using SecureAccess.Hosting;
using SecureAccess.Messaging;
using SecureAccess.Messaging.Delivery;
using SecureAccess.Testing;

namespace SecureAccess.Grains.Tests.Messaging;

/// A test cluster whose email and SMS go through real providers' place: scripted transports that
/// answer what a test tells them, per recipient. Fake time for expiry; quick retries.
public sealed class DeliveryFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(TestSettings.Start);
    public RecordingGrainStorage Storage { get; } = new();
    public CapturedLogs Logs { get; } = new();
    public ScriptedTransport Transport { get; } = new();
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var settings = TestSettings.Values();
        settings["Messaging:Email:Provider"] = "Smtp";
        settings["Messaging:Sms:Provider"] = "Twilio";
        settings["Messaging:Delivery:FirstRetryDelay"] = "00:00:00.020";
        settings["Messaging:Delivery:MaxRetryDelay"] = "00:00:00.100";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseInMemoryReminderService();
            silo.Services.AddKeyedSingleton<IMessageTransport>(Channels.Email, Transport);
            silo.Services.AddKeyedSingleton<IMessageTransport>(Channels.Sms, Transport);
            silo.Services.AddSecureAccessGrains(configuration);
            silo.Services.AddSingleton<TimeProvider>(Clock);
            Storage.RegisterIn(silo.Services);
            silo.Services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

/// Answers each send from a per-recipient script (then Delivered), and counts calls per recipient.
public sealed class ScriptedTransport : IMessageTransport
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DeliveryOutcome>> _scripts = new();
    private readonly ConcurrentDictionary<string, DeliveryOutcome> _always = new();

    public ConcurrentDictionary<string, int> Calls { get; } = new();
    public ConcurrentQueue<OutgoingMessage> Delivered { get; } = new();

    public void Script(string to, params DeliveryOutcome[] outcomes) => _scripts[to] = new(outcomes);
    public void Always(string to, DeliveryOutcome outcome) => _always[to] = outcome;

    /// The next send to `to` throws, as a library might on a surprise.
    public ConcurrentDictionary<string, bool> ThrowOnce { get; } = new();

    public Task<DeliveryOutcome> Send(OutgoingMessage message, CancellationToken cancellationToken)
    {
        Calls.AddOrUpdate(message.To, 1, (_, n) => n + 1);
        if (ThrowOnce.TryRemove(message.To, out _)) throw new InvalidOperationException($"surprise for {message.To}: {message.Body}");
        if (_always.TryGetValue(message.To, out var always)) return Task.FromResult(always);
        if (_scripts.TryGetValue(message.To, out var script) && script.TryDequeue(out var next) && next.Result != DeliveryResult.Delivered)
            return Task.FromResult(next);
        Delivered.Enqueue(message);
        return Task.FromResult(DeliveryOutcome.Delivered);
    }
}
