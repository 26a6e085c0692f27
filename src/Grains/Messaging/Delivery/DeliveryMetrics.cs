using System.Diagnostics.Metrics;

namespace SecureAccess.Messaging.Delivery;

/// The instruments of meter `SecureAccess.Messaging` (docs/operations.md "Delivery of codes").
public sealed class DeliveryMetrics
{
    public const string MeterName = "SecureAccess.Messaging";

    private readonly Counter<long> _sent;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _latency;

    public DeliveryMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _sent = meter.CreateCounter<long>("secureaccess.messaging.sent", "{message}", "Messages a provider accepted, by channel and provider.");
        _retried = meter.CreateCounter<long>("secureaccess.messaging.retried", "{attempt}", "Background attempts scheduled after a transient failure, by channel.");
        _failed = meter.CreateCounter<long>("secureaccess.messaging.failed", "{message}", "Messages given up, by channel and reason (permanent: the provider refused; expired: the code ran out first).");
        _latency = meter.CreateHistogram<double>("secureaccess.messaging.delivery_latency", "s", "From the request that produced the message to the provider accepting it, by channel.");
    }

    public void Sent(string channel, string provider) =>
        _sent.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("provider", provider));

    public void Retried(string channel) => _retried.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void Failed(string channel, string reason) =>
        _failed.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("reason", reason));

    public void Latency(string channel, TimeSpan latency) =>
        _latency.Record(latency.TotalSeconds, new KeyValuePair<string, object?>("channel", channel));
}
