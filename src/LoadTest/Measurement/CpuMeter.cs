using System.Diagnostics;
using System.Globalization;

namespace SecureAccess.LoadTest.Measurement;

/// CPU time used during the measured window by the server process (`--server-pid`, Linux /proc)
/// and by this load generator. On a shared machine a rate moves with the neighbours' load, while
/// CPU milliseconds per iteration say what one iteration costs the server whatever else runs.
public sealed class CpuMeter
{
    private readonly int? serverPid;
    private double serverStart;
    private double selfStart;
    private long windowStart;

    public CpuMeter(int? serverPid) => this.serverPid = serverPid;

    public void Start()
    {
        windowStart = Stopwatch.GetTimestamp();
        serverStart = serverPid is { } pid ? ProcessSeconds(pid) ?? double.NaN : double.NaN;
        selfStart = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    }

    /// Ends the window; null when it never started (the run ended before its warmup did).
    public CpuWindow? Stop()
    {
        if (windowStart == 0)
        {
            return null;
        }

        var seconds = Stopwatch.GetElapsedTime(windowStart).TotalSeconds;
        var self = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - selfStart;
        var server = serverPid is { } pid && ProcessSeconds(pid) is { } now && !double.IsNaN(serverStart) ? now - serverStart : (double?)null;
        return new CpuWindow(seconds, serverPid, server, self);
    }

    /// utime + stime of a process, from /proc/PID/stat; null where that is not readable.
    public static double? ProcessSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return ticks / 100.0; // USER_HZ is 100 on Linux
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}

/// CPU seconds used over a window of wall-clock seconds.
public sealed record CpuWindow(double Seconds, int? ServerPid, double? ServerSeconds, double LoadGeneratorSeconds)
{
    public CpuReport Report(long iterations) => new(
        Math.Round(Seconds, 3),
        Environment.ProcessorCount,
        ServerPid,
        ServerSeconds is { } s ? Math.Round(s / Seconds, 3) : null,
        Math.Round(LoadGeneratorSeconds / Seconds, 3),
        ServerSeconds is { } t && iterations > 0 ? Math.Round(t * 1000 / iterations, 3) : null,
        iterations > 0 ? Math.Round(LoadGeneratorSeconds * 1000 / iterations, 3) : null);
}

/// CPU over the measured window: cores kept busy (1.0 = one core all the time) and CPU
/// milliseconds per measured iteration, for the server (when its pid was given) and the tool.
public sealed record CpuReport(
    double WindowSeconds,
    int Cores,
    int? ServerPid,
    double? ServerCoresBusy,
    double LoadGeneratorCoresBusy,
    double? ServerCpuMsPerIteration,
    double? LoadGeneratorCpuMsPerIteration);
