using System.Diagnostics;
using System.Globalization;
using SecureAccess.LoadTest.Load;
using SecureAccess.LoadTest.Measurement;

namespace SecureAccess.LoadTest.Reporting;

/// The live line on stderr. On a terminal it is redrawn in place every second; otherwise (CI, a
/// pipe) a plain line is appended every few seconds, with no control characters.
internal sealed class ProgressReporter : IAsyncDisposable
{
    private readonly TextWriter writer;
    private readonly bool interactive;
    private readonly LatencyRecorder recorder;
    private readonly LoadDriver driver;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private long lastRequests;
    private long lastTimestamp;
    private int lastWidth;

    public ProgressReporter(TextWriter writer, bool interactive, LatencyRecorder recorder, LoadDriver driver)
    {
        this.writer = writer;
        this.interactive = interactive;
        this.recorder = recorder;
        this.driver = driver;
        lastTimestamp = recorder.Epoch;
        loop = RunAsync(stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        Write(final: true);
        stop.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(interactive ? 1 : 5));
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            Write(final: false);
        }
    }

    private void Write(bool final)
    {
        var now = Stopwatch.GetTimestamp();
        var requests = recorder.Requests;
        var interval = Stopwatch.GetElapsedTime(lastTimestamp, now).TotalSeconds;
        var rate = interval > 0 ? (requests - lastRequests) / interval : 0;
        lastRequests = requests;
        lastTimestamp = now;

        var elapsed = Stopwatch.GetElapsedTime(recorder.Epoch, now).TotalSeconds;
        var phase = final ? "done" : driver.IsDraining ? "draining" : recorder.IsMeasured(now) ? "measuring" : "warmup";
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{elapsed,6:0.0}s {phase,-9}] requests {requests,8:N0}  {rate,8:N1}/s  flows ok {driver.Completed:N0} failed {driver.Failed:N0}  unexpected {recorder.Errors.Count:N0}  in flight {driver.InFlight:N0}");

        lock (writer)
        {
            if (interactive)
            {
                writer.Write("\r" + line.PadRight(lastWidth));
                lastWidth = line.Length;
                if (final)
                {
                    writer.WriteLine();
                }
            }
            else
            {
                writer.WriteLine(line);
            }

            writer.Flush();
        }
    }
}
