using System.Collections.Concurrent;
using System.Diagnostics;
using SecureAccess.LoadTest.Cli;
using SecureAccess.LoadTest.Measurement;

namespace SecureAccess.LoadTest.Load;

/// Starts iterations in a closed loop (N at a time, each after the previous one ends) or an open
/// loop (at a fixed rate, whatever the answers' speed) and stops by itself: at the end of warmup +
/// duration, after the measured-iteration bound, or when the scenario runs out of work.
internal sealed class LoadDriver(LoadTestOptions options, LatencyRecorder recorder, IScenario scenario)
{
    private readonly ConcurrentDictionary<long, Task> running = new();
    private long measuredClaimed;
    private long completed;
    private long failed;
    private long cancelled;
    private long inFlight;
    private long nextId;
    private volatile bool exhausted;

    public long InFlight => Interlocked.Read(ref inFlight);

    public long Completed => Interlocked.Read(ref completed);

    public long Failed => Interlocked.Read(ref failed);

    public bool IsDraining { get; private set; }

    public async Task<DriverResult> RunAsync(CancellationToken ct)
    {
        var deadline = recorder.Epoch + Ticks(options.EffectiveWarmup + options.EffectiveDuration);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var launching = options.Rate is { } rate
            ? OpenLoopAsync(rate, deadline, stop.Token)
            : ClosedLoopAsync(deadline, stop.Token);

        await launching.ConfigureAwait(false);
        IsDraining = true;
        var drained = await DrainAsync(options.Drain, ct).ConfigureAwait(false);
        if (!drained)
        {
            // Past the grace period in-flight iterations are abandoned, not counted as errors.
            await stop.CancelAsync().ConfigureAwait(false);
            await DrainAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
        }

        var end = Stopwatch.GetTimestamp();
        return new DriverResult(
            Completed: Completed,
            Failed: Failed,
            Cancelled: Interlocked.Read(ref cancelled),
            MeasuredSeconds: end > recorder.MeasureFrom ? Stopwatch.GetElapsedTime(recorder.MeasureFrom, end).TotalSeconds : 0,
            ElapsedSeconds: Stopwatch.GetElapsedTime(recorder.Epoch, end).TotalSeconds,
            StopReason: ct.IsCancellationRequested ? "cancelled"
                : exhausted ? scenario.ExhaustedReason
                : options.Requests is { } bound && Interlocked.Read(ref measuredClaimed) >= bound ? $"{bound} measured iterations done"
                : "duration elapsed");
    }

    private async Task ClosedLoopAsync(long deadline, CancellationToken ct)
    {
        for (var i = 0; i < Math.Max(1, options.Concurrency); i++)
        {
            var id = Interlocked.Increment(ref nextId);
            running[id] = Task.Run(async () =>
            {
                while (ShouldLaunch(Stopwatch.GetTimestamp(), deadline, ct))
                {
                    var start = Stopwatch.GetTimestamp();
                    var measured = recorder.IsMeasured(start);
                    if (measured && !TryClaimMeasured())
                    {
                        return;
                    }

                    await RunIterationAsync(start, deadline, measured, chargeFromStart: false, ct).ConfigureAwait(false);
                }
            }, CancellationToken.None);
        }

        // Workers finish their current iteration after the deadline; the drain limit bounds that wait.
        var untilDeadline = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
        try
        {
            await Task.WhenAll(running.Values).WaitAsync(untilDeadline > TimeSpan.Zero ? untilDeadline : TimeSpan.Zero, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task OpenLoopAsync(double rate, long deadline, CancellationToken ct)
    {
        var period = Stopwatch.Frequency / rate;
        // Not disposed: iterations release it after this method returns, and a SemaphoreSlim whose
        // wait handle is never asked for holds nothing that needs disposing.
        var slots = new SemaphoreSlim(Math.Max(1, options.MaxInFlight));
        for (long k = 0; ; k++)
        {
            var intended = recorder.Epoch + (long)(k * period);
            if (!ShouldLaunch(intended, deadline, ct))
            {
                return;
            }

            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), intended);
            try
            {
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait, ct).ConfigureAwait(false);
                }

                var measured = recorder.IsMeasured(intended);
                if (measured && !TryClaimMeasured())
                {
                    return;
                }

                await slots.WaitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var id = Interlocked.Increment(ref nextId);
            running[id] = Task.Run(async () =>
            {
                try
                {
                    await RunIterationAsync(intended, deadline, recorder.IsMeasured(intended), chargeFromStart: true, ct).ConfigureAwait(false);
                }
                finally
                {
                    slots.Release();
                    running.TryRemove(id, out Task? _);
                }
            }, CancellationToken.None);
        }
    }

    private bool ShouldLaunch(long at, long deadline, CancellationToken ct) =>
        !ct.IsCancellationRequested && !exhausted && at < deadline &&
        !(options.Requests is { } bound && Interlocked.Read(ref measuredClaimed) >= bound);

    private bool TryClaimMeasured() =>
        options.Requests is not { } bound || Interlocked.Increment(ref measuredClaimed) <= bound;

    private async Task RunIterationAsync(long start, long deadline, bool measured, bool chargeFromStart, CancellationToken ct)
    {
        var context = new IterationContext(recorder, start, deadline, measured, chargeFromStart, options.Scenario == ScenarioKind.Seed, ct);
        Interlocked.Increment(ref inFlight);
        try
        {
            switch (await scenario.RunOnceAsync(context).ConfigureAwait(false))
            {
                case IterationOutcome.Exhausted:
                    exhausted = true;
                    return;
                case IterationOutcome.Skipped:
                    return;
            }

            Finish(context, ok: true);
            Interlocked.Increment(ref completed);
        }
        catch (FlowFailedException)
        {
            Finish(context, ok: false);
            Interlocked.Increment(ref failed);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Interlocked.Increment(ref cancelled);
        }
#pragma warning disable CA1031 // A fault in one iteration is reported and the run goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            recorder.Errors.Add($"{context.Flow ?? "iteration"}: {e.GetType().Name}: {e.Message}");
            Finish(context, ok: false);
            Interlocked.Increment(ref failed);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    private void Finish(IterationContext context, bool ok)
    {
        if (context.Flow is { } flow)
        {
            var start = context.ChargeFromStart || context.FirstRequestAt == 0 ? context.Start : context.FirstRequestAt;
            recorder.RecordFlow(flow, start, Stopwatch.GetTimestamp(), ok, context.Measured);
        }
    }

    private async Task<bool> DrainAsync(TimeSpan limit, CancellationToken ct)
    {
        var pending = running.Values.ToArray();
        try
        {
            await Task.WhenAll(pending).WaitAsync(limit, ct).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}

public sealed record DriverResult(long Completed, long Failed, long Cancelled, double MeasuredSeconds, double ElapsedSeconds, string StopReason);
