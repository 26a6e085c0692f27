using HdrHistogram;

namespace SecureAccess.LoadTest.Measurement;

/// The percentiles a report shows, in milliseconds, read from a histogram of microseconds.
public sealed record LatencySummary(double P50, double P90, double P99, double P999, double Max, double Mean)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0, 0);

    public static LatencySummary From(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.TotalCount == 0)
        {
            return Empty;
        }

        return new LatencySummary(
            Ms(histogram.GetValueAtPercentile(50)),
            Ms(histogram.GetValueAtPercentile(90)),
            Ms(histogram.GetValueAtPercentile(99)),
            Ms(histogram.GetValueAtPercentile(99.9)),
            Ms(histogram.GetMaxValue()),
            Math.Round(histogram.GetMean() / 1000.0, 3));
    }

    /// Points of the latency-by-percentile curve, as HdrHistogram's own percentile output walks it.
    public static IReadOnlyList<PercentilePoint> Curve(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.TotalCount == 0)
        {
            return [];
        }

        return histogram.Percentiles(5)
            .Select(v => new PercentilePoint(Math.Round(v.PercentileLevelIteratedTo, 4), Ms(v.ValueIteratedTo)))
            .DistinctBy(p => p.Percentile)
            .ToList();
    }

    private static double Ms(long microseconds) => Math.Round(microseconds / 1000.0, 3);
}

public sealed record PercentilePoint(double Percentile, double LatencyMs);
