using System.Diagnostics.Metrics;

namespace SecureAccess.Throttling;

/// Refusals by limit on the meter "SecureAccess.Throttling" (exported with every "SecureAccess.*" meter).
public static class ThrottleMetrics
{
    public const string MeterName = "SecureAccess.Throttling";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Refused = Meter.CreateCounter<long>(
        "secureaccess.throttling.refused", unit: "{request}", description: "Requests answered 429 too_many_requests, by limit.");

    public static void Refuse(string limit) => Refused.Add(1, new KeyValuePair<string, object?>("limit", limit));
}
