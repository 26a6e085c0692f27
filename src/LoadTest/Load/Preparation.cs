using System.Diagnostics;
using System.Globalization;
using SecureAccess.LoadTest.Measurement;

namespace SecureAccess.LoadTest.Load;

/// Work a scenario does before the measured run (sign users in, open challenges, lock usernames):
/// the same flows and expectations, with its own recorder so none of it reaches the step tables.
/// Its unexpected answers are still errors: the runner copies them into the run's error log.
public sealed class Preparation
{
    /// Preparation is data setup, bounded like a seed: it stops starting jobs after this long.
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    private int done;
    private int failed;

    public LatencyRecorder Recorder { get; } = new(Stopwatch.GetTimestamp(), TimeSpan.Zero);

    public int Done => Volatile.Read(ref done);

    public int Failed => Volatile.Read(ref failed);

    public TimeSpan Elapsed { get; private set; }

    /// Runs <paramref name="count"/> jobs, <paramref name="parallelism"/> at a time; a job fails by
    /// throwing what <see cref="IterationContext.Fail"/> returns (or any exception, recorded).
    public async Task RunAsync(int count, int parallelism, Func<IterationContext, int, Task> job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(Limit.TotalSeconds * Stopwatch.Frequency);
        var next = -1;
        var workers = Enumerable.Range(0, Math.Clamp(Math.Min(parallelism, count), 1, 256)).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= count || ct.IsCancellationRequested || Stopwatch.GetTimestamp() >= deadline)
                {
                    return;
                }

                var context = new IterationContext(Recorder, Stopwatch.GetTimestamp(), deadline, measured: true, chargeFromStart: false, retryTooManyRequests: true, ct);
                try
                {
                    await job(context, index).ConfigureAwait(false);
                    Interlocked.Increment(ref done);
                }
                catch (FlowFailedException)
                {
                    Interlocked.Increment(ref failed);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // One failed job is reported; the others go on.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    Recorder.Errors.Add($"{e.GetType().Name}: {e.Message}");
                    Interlocked.Increment(ref failed);
                }
            }
        }, CancellationToken.None)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        Elapsed = Stopwatch.GetElapsedTime(started);
    }

    public string Describe(string what) =>
        string.Create(CultureInfo.InvariantCulture, $"Prepared {Done} {what} in {Elapsed.TotalSeconds:0.#}s before the measured run ({Failed} failed); preparation is not in the step tables.");
}

/// A scenario that needs data made on the server before its measured run starts.
internal interface IPreparingScenario
{
    Task PrepareAsync(Preparation preparation, CancellationToken ct);
}
