using System.Diagnostics;
using SecureAccess.Audit;
using SecureAccess.Messaging;
using SecureAccess.Messaging.Delivery;
using SecureAccess.Testing;

namespace SecureAccess.Grains.Tests.Messaging;

/// Issue 10 "Delivery is reliable": the delivery grain retries transient failures in the background
/// until the provider accepts or the code expires, never retries a permanent refusal (which goes to
/// the recipient's audit trail), and keeps the pending message sealed, clearing it when done.
public sealed class DeliveryGrainTests(DeliveryFixture fixture) : IClassFixture<DeliveryFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_transient_failure_is_retried_until_the_provider_accepts_and_the_state_is_cleared()
    {
        var to = Unique.Phone();
        fixture.Transport.Script(to, DeliveryOutcome.Transient("Twilio HTTP 503"), DeliveryOutcome.Transient("Twilio HTTP 503"));
        var grain = fixture.Client.GetGrain<IMessageDeliveryGrain>(Guid.NewGuid());

        await grain.Deliver(Request(to, "Secure Access security code: 918273 (valid 5 minutes).", TimeSpan.FromMinutes(5), "ada"));

        await Until(() => fixture.Transport.Delivered.Any(m => m.To == to), advance: true);
        Assert.Equal(3, fixture.Transport.Calls[to]);
        await Until(() => fixture.Storage.Find("delivery", grain.GetGrainId()) is null);
        Assert.DoesNotContain("918273", fixture.Storage.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("918273", fixture.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transport_that_throws_is_retried_and_its_message_text_is_not_logged()
    {
        var to = Unique.Phone();
        fixture.Transport.ThrowOnce[to] = true;
        var grain = fixture.Client.GetGrain<IMessageDeliveryGrain>(Guid.NewGuid());

        await grain.Deliver(Request(to, "Secure Access security code: 456123 (valid 5 minutes).", TimeSpan.FromMinutes(5), "ada"));

        await Until(() => fixture.Transport.Delivered.Any(m => m.To == to), advance: true);
        Assert.Equal(2, fixture.Transport.Calls[to]);
        Assert.Contains("unexpected InvalidOperationException", fixture.Logs.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("456123", fixture.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pending_message_is_stored_sealed()
    {
        var to = Unique.Phone();
        fixture.Transport.Always(to, DeliveryOutcome.Transient("Twilio unreachable"));
        var grain = fixture.Client.GetGrain<IMessageDeliveryGrain>(Guid.NewGuid());

        await grain.Deliver(Request(to, "Secure Access security code: 564738 (valid 5 minutes).", TimeSpan.FromMinutes(5), "grace"));

        var stored = fixture.Storage.Find("delivery", grain.GetGrainId());
        Assert.NotNull(stored);
        Assert.DoesNotContain("564738", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(to, stored, StringComparison.Ordinal);
        fixture.Clock.Advance(TimeSpan.FromMinutes(6)); // let it expire so it stops
        await Until(() => fixture.Storage.Find("delivery", grain.GetGrainId()) is null, advance: true); // a retry timer set just after the jump needs fake time too
    }

    [Fact]
    public async Task A_permanent_refusal_is_not_retried_and_is_recorded_in_the_recipients_audit_trail()
    {
        var to = Unique.Phone();
        var username = Unique.Username("refused");
        fixture.Transport.Always(to, DeliveryOutcome.Permanent("Twilio HTTP 400, error 21211"));
        var grain = fixture.Client.GetGrain<IMessageDeliveryGrain>(Guid.NewGuid());

        await grain.Deliver(Request(to, "Secure Access security code: 102938 (valid 5 minutes).", TimeSpan.FromMinutes(5), username));

        await Until(() => fixture.Storage.Find("delivery", grain.GetGrainId()) is null && fixture.Transport.Calls.ContainsKey(to));
        var trail = await fixture.Client.GetGrain<IAuditLogGrain>(AuditTrail.Subject(username)).List();
        var refused = Assert.Single(trail, e => e.Event == AuditEvents.MessageRefused);
        Assert.Equal("sms refused by the provider: Twilio HTTP 400, error 21211", refused.Detail);
        await SeveralRetryDelaysLater(); // still the one call
        Assert.Equal(1, fixture.Transport.Calls[to]);
        Assert.DoesNotContain("102938", fixture.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retries_stop_when_the_code_expires()
    {
        var to = Unique.Phone();
        fixture.Transport.Always(to, DeliveryOutcome.Transient("Twilio HTTP 503"));
        var grain = fixture.Client.GetGrain<IMessageDeliveryGrain>(Guid.NewGuid());

        await grain.Deliver(Request(to, "Secure Access security code: 333444 (valid 5 minutes).", TimeSpan.FromMinutes(5), "alan"));
        await Until(() => fixture.Transport.Calls.GetValueOrDefault(to) >= 2, advance: true);
        Assert.NotNull(fixture.Storage.Find("delivery", grain.GetGrainId()));

        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        await Until(() => fixture.Storage.Find("delivery", grain.GetGrainId()) is null, advance: true);
        var calls = fixture.Transport.Calls[to];
        await SeveralRetryDelaysLater();
        Assert.Equal(calls, fixture.Transport.Calls[to]);
        Assert.Contains("expired undelivered", fixture.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact] // docs/operations.md "Metrics (meter SecureAccess.Messaging)"
    public async Task Delivery_is_measured_sent_retried_failed_and_latency()
    {
        using var metrics = new MessagingMeasurements();
        var retriedThenSent = Unique.Phone();
        fixture.Transport.Script(retriedThenSent, DeliveryOutcome.Transient("Twilio HTTP 503"));
        var refused = Unique.Phone();
        fixture.Transport.Always(refused, DeliveryOutcome.Permanent("Twilio HTTP 401, error 20003"));
        var first = fixture.Client.GetGrain<IMessageDeliveryGrain>(Guid.NewGuid());
        var second = fixture.Client.GetGrain<IMessageDeliveryGrain>(Guid.NewGuid());

        await first.Deliver(Request(retriedThenSent, "Secure Access security code: 1 (valid 5 minutes).", TimeSpan.FromMinutes(5), "katherine"));
        await second.Deliver(Request(refused, "Secure Access security code: 2 (valid 5 minutes).", TimeSpan.FromMinutes(5), "edsger"));
        await Until(() => fixture.Transport.Delivered.Any(m => m.To == retriedThenSent) && fixture.Transport.Calls.ContainsKey(refused), advance: true);
        await Until(() => metrics.Count("secureaccess.messaging.sent", "provider", "Twilio") >= 1 && metrics.Count("secureaccess.messaging.failed", "reason", "permanent") >= 1);

        Assert.True(metrics.Count("secureaccess.messaging.retried", "channel", "sms") >= 1);
        Assert.True(metrics.Count("secureaccess.messaging.delivery_latency", "channel", "sms") >= 1);
    }

    [Theory]
    [InlineData(1, 2000)]
    [InlineData(2, 4000)]
    [InlineData(3, 8000)]
    [InlineData(5, 30000)]
    [InlineData(40, 30000)]
    public void The_retry_schedule_doubles_up_to_its_cap_with_jitter_around_it(int failedAttempts, int middleMs)
    {
        var options = new DeliveryOptions();
        Assert.Equal(middleMs, RetrySchedule.After(failedAttempts, options, 0.5).TotalMilliseconds, 3);
        Assert.Equal(middleMs * 0.75, RetrySchedule.After(failedAttempts, options, 0).TotalMilliseconds, 3);
        Assert.Equal(middleMs * 1.25, RetrySchedule.After(failedAttempts, options, 1).TotalMilliseconds, 3);
    }

    private DeliveryRequest Request(string to, string body, TimeSpan validFor, string auditSubject)
    {
        var now = fixture.Clock.GetUtcNow();
        return new DeliveryRequest(Channels.Sms, to, "Secure Access security code", body, auditSubject, now, now + validFor);
    }

    /// Time for many retries (MaxRetryDelay is 100 ms here) to have come, had any been scheduled.
    private async Task SeveralRetryDelaysLater()
    {
        for (var i = 0; i < 20; i++)
        {
            fixture.Clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(10);
        }
    }

    /// Waits (bounded) for the background work of the grain. Orleans grain timers run on the silo's
    /// TimeProvider, so with `advance` the fake clock moves a retry delay's worth at a time.
    private async Task Until(Func<bool> condition, bool advance = false)
    {
        for (var clock = Stopwatch.StartNew(); !condition(); await Task.Delay(10))
        {
            Assert.True(clock.Elapsed < Bound, "the background delivery did not get there in time");
            if (advance) fixture.Clock.Advance(TimeSpan.FromMilliseconds(50));
        }
    }
}

/// Listens to meter `SecureAccess.Messaging` and counts measurements by instrument and one tag value.
internal sealed class MessagingMeasurements : IDisposable
{
    private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Instrument, KeyValuePair<string, object?>[] Tags)> _seen = new();

    public MessagingMeasurements()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DeliveryMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => _seen.Enqueue((instrument.Name, tags.ToArray())));
        _listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => _seen.Enqueue((instrument.Name, tags.ToArray())));
        _listener.Start();
    }

    public int Count(string instrument, string tag, string value) =>
        _seen.Count(m => m.Instrument == instrument && m.Tags.Any(t => t.Key == tag && (string?)t.Value == value));

    public void Dispose() => _listener.Dispose();
}
