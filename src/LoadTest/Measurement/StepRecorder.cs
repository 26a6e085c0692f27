using System.Collections.Concurrent;
using HdrHistogram;

namespace SecureAccess.LoadTest.Measurement;

/// Everything measured for one step name; safe to record into from many iterations at once.
public sealed class StepRecorder(string name, StepKind kind, long order)
{
    private readonly ConcurrentDictionary<int, Counter> statuses = new();
    private readonly ConcurrentDictionary<string, Counter> codes = new(StringComparer.Ordinal);
    private long count;
    private long unexpected;

    public string Name { get; } = name;

    public StepKind Kind { get; } = kind;

    /// First-seen order, so the report lists a flow's steps in the order they run.
    public long Order { get; } = order;

    public LongConcurrentHistogram Latency { get; } = Histograms.Precise();

    public long Count => Interlocked.Read(ref count);

    public long Unexpected => Interlocked.Read(ref unexpected);

    public void Record(long microseconds, int? status, string? code, bool isUnexpected)
    {
        Interlocked.Increment(ref count);
        if (isUnexpected)
        {
            Interlocked.Increment(ref unexpected);
        }

        if (microseconds >= 0)
        {
            Histograms.Record(Latency, microseconds);
        }

        if (status is { } s)
        {
            statuses.GetOrAdd(s, _ => new Counter()).Increment();
        }

        if (code is not null)
        {
            codes.GetOrAdd(code, _ => new Counter()).Increment();
        }
    }

    public IReadOnlyDictionary<string, long> StatusCounts() =>
        statuses.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value.Value);

    public IReadOnlyDictionary<string, long> CodeCounts() =>
        codes.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value.Value);

    private sealed class Counter
    {
        private long value;

        public long Value => Interlocked.Read(ref value);

        public void Increment() => Interlocked.Increment(ref value);
    }
}
