using System.Globalization;
using SecureAccess.LoadTest.Cli;
using SecureAccess.LoadTest.Scenarios;

namespace SecureAccess.LoadTest;

/// `serve-baseline --port N [--duration D]`: the bare endpoint alone in this process, so a benchmark
/// can pin it to the same CPUs the gateway gets and keep the load generator on the others. It stops
/// by itself after D (default 30 min), or on Ctrl+C / SIGTERM.
public static class BaselineServer
{
    public const string Command = "serve-baseline";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (Parse(args) is not var (port, duration))
        {
            await errors.WriteLineAsync($"usage: {Command} --port N (1-65535) [--duration D, default 30m]").ConfigureAwait(false);
            return 2;
        }

        await using var bare = await BareEndpoint.StartAsync(port, ct).ConfigureAwait(false);
        await output.WriteLineAsync($"bare endpoint: {bare.Address}{BareEndpoint.Path} for at most {DurationText.Format(duration)}").ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, bare.Stopping);
        try
        {
            await Task.Delay(duration, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }

    /// (port, duration), or null when the arguments are not exactly `--port N [--duration D]`.
    public static (int Port, TimeSpan Duration)? Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        int? port = null;
        var duration = TimeSpan.FromMinutes(30);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            switch (args[i])
            {
                case "--port" when int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 65535:
                    port = p;
                    break;
                case "--duration" when DurationText.TryParse(args[i + 1], out var d) && d > TimeSpan.Zero:
                    duration = d;
                    break;
                default:
                    return null;
            }
        }

        return args.Count % 2 == 0 && port is { } bound ? (bound, duration) : null;
    }
}
