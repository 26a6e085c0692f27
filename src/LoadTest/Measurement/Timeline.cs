using System.Collections.Concurrent;
using HdrHistogram;

namespace SecureAccess.LoadTest.Measurement;

/// Per-second buckets of the whole run (warmup included, flagged) for the over-time plot:
/// requests, unexpected errors, finished flows and their latency.
public sealed class Timeline
{
    private readonly ConcurrentDictionary<int, Bucket> buckets = new();

    public void RecordRequest(int second, bool unexpected)
    {
        var bucket = At(second);
        Interlocked.Increment(ref bucket.Requests);
        if (unexpected)
        {
            Interlocked.Increment(ref bucket.Errors);
        }
    }

    public void RecordFlow(int second, long microseconds, bool ok)
    {
        var bucket = At(second);
        Interlocked.Increment(ref bucket.Flows);
        if (ok)
        {
            Histograms.Record(bucket.FlowLatency, microseconds);
        }
        else
        {
            Interlocked.Increment(ref bucket.Errors);
        }
    }

    /// <paramref name="elapsedSeconds"/> is the run's length: the last bucket usually covers only
    /// part of a second, and its rates must be read over that part.
    public IReadOnlyList<TimelinePoint> Points(double warmupSeconds, double elapsedSeconds)
    {
        if (buckets.IsEmpty)
        {
            return [];
        }

        var last = buckets.Keys.Max();
        var points = new List<TimelinePoint>(last + 1);
        for (var second = 0; second <= last; second++)
        {
            buckets.TryGetValue(second, out var b);
            var latency = b is null ? LatencySummary.Empty : LatencySummary.From(b.FlowLatency);
            points.Add(new TimelinePoint(
                second,
                Math.Round(Math.Clamp(elapsedSeconds - second, 0.001, 1), 3),
                second < warmupSeconds,
                b?.Requests ?? 0,
                b?.Flows ?? 0,
                b?.Errors ?? 0,
                latency.P50,
                latency.P90,
                latency.P99,
                latency.Max));
        }

        return points;
    }

    private Bucket At(int second) => buckets.GetOrAdd(Math.Max(0, second), _ => new Bucket());

    private sealed class Bucket
    {
        public long Requests;
        public long Flows;
        public long Errors;

        public LongConcurrentHistogram FlowLatency { get; } = Histograms.Coarse();
    }
}

/// One second of the run (from <see cref="Second"/> for <see cref="Covered"/> seconds, which is 1
/// except at the end). Counts are of what finished in it; latencies of its flows, in ms.
public sealed record TimelinePoint(
    int Second, double Covered, bool Warmup, long Requests, long Flows, long Errors,
    double FlowP50Ms, double FlowP90Ms, double FlowP99Ms, double FlowMaxMs);
