using HdrHistogram;

namespace SecureAccess.LoadTest.Measurement;

/// Histograms of latency in microseconds. Anything above an hour is clamped rather than lost:
/// no request lives that long (timeouts are seconds), but an open-loop backlog could.
public static class Histograms
{
    public const long HighestMicroseconds = 3_600_000_000;

    public static LongConcurrentHistogram Precise() => new(1, HighestMicroseconds, 3);

    /// For the per-second timeline: two significant digits keep hundreds of them cheap.
    public static LongConcurrentHistogram Coarse() => new(1, HighestMicroseconds, 2);

    public static void Record(HistogramBase histogram, long microseconds) =>
        histogram.RecordValue(Math.Clamp(microseconds, 1, HighestMicroseconds));
}
