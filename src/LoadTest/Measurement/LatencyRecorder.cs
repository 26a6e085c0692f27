using System.Collections.Concurrent;
using System.Diagnostics;

namespace SecureAccess.LoadTest.Measurement;

/// Collects every request and flow of a run. Times are Stopwatch timestamps; only iterations that
/// started after the warmup reach the per-step tables, while the timeline and the error log see
/// the whole run (an error during warmup is still an error).
public sealed class LatencyRecorder
{
    private readonly ConcurrentDictionary<string, StepRecorder> steps = new(StringComparer.Ordinal);
    private long nextOrder;
    private long requests;

    public LatencyRecorder(long epochTimestamp, TimeSpan warmup)
    {
        Epoch = epochTimestamp;
        MeasureFrom = epochTimestamp + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        WarmupSeconds = warmup.TotalSeconds;
    }

    public long Epoch { get; }

    public long MeasureFrom { get; }

    public double WarmupSeconds { get; }

    public Timeline Timeline { get; } = new();

    public ErrorLog Errors { get; } = new();

    /// Every request sent, warmup included (for the live progress line).
    public long Requests => Interlocked.Read(ref requests);

    /// Flows in the order they first finished, then each flow's requests (`signin.password` belongs
    /// to `signin`) in the order they were first sent, then any request of no flow.
    public IReadOnlyList<StepRecorder> Steps
    {
        get
        {
            var all = steps.Values.OrderBy(s => s.Order).ToList();
            var flows = all.Where(s => s.Kind == StepKind.Flow).Select(s => s.Name).ToList();
            int Group(StepRecorder s)
            {
                var index = flows.IndexOf(s.Kind == StepKind.Flow ? "" : s.Name.Split('.')[0]);
                return s.Kind == StepKind.Flow ? -1 : index < 0 ? flows.Count : index;
            }

            return all.OrderBy(Group).ThenBy(s => s.Order).ToList();
        }
    }

    public bool IsMeasured(long timestamp) => timestamp >= MeasureFrom;

    public static long Microseconds(long start, long end) => Stopwatch.GetElapsedTime(start, end).Ticks / 10;

    public void RecordRequest(string step, long start, long end, int status, string? code, bool unexpected, bool measured)
    {
        Interlocked.Increment(ref requests);
        Timeline.RecordRequest(SecondOf(end), unexpected);
        if (measured)
        {
            Step(step, StepKind.Request).Record(Microseconds(start, end), status, code, unexpected);
        }
    }

    public void RecordFlow(string flow, long start, long end, bool ok, bool measured)
    {
        var microseconds = Microseconds(start, end);
        Timeline.RecordFlow(SecondOf(end), microseconds, ok);
        if (measured)
        {
            Step(flow, StepKind.Flow).Record(ok ? microseconds : -1, null, null, !ok);
        }
    }

    private StepRecorder Step(string name, StepKind kind) =>
        steps.GetOrAdd(name, static (n, state) => new StepRecorder(n, state.kind, Interlocked.Increment(ref state.self.nextOrder)), (kind, self: this));

    private int SecondOf(long timestamp) => (int)Math.Min(int.MaxValue, Stopwatch.GetElapsedTime(Epoch, timestamp).TotalSeconds);
}
