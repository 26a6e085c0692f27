using System.Globalization;
using SecureAccess.LoadTest.Measurement;
using Spectre.Console;

namespace SecureAccess.LoadTest.Reporting;

/// The end-of-run summary: one table row per step, then errors, lockout verdicts and notes.
public static class ConsoleReport
{
    /// A console for <paramref name="writer"/> that works without a terminal: no colours or
    /// cursor codes when redirected, and a width wide enough for the table.
    public static IAnsiConsole CreateConsole(TextWriter writer, bool isTerminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!isTerminal || console.Profile.Width < 160)
        {
            console.Profile.Width = 200;
        }

        return console;
    }

    public static void Write(RunReport report, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(console);
        var c = CultureInfo.InvariantCulture;

        var load = report.Mode == "open"
            ? string.Create(c, $"open loop at {report.Rate:0.##}/s")
            : string.Create(c, $"closed loop, concurrency {report.Concurrency}");
        console.MarkupLine(Markup.Escape(string.Create(c,
            $"{report.Scenario} against {report.Target}: {load}, warmup {report.WarmupSeconds:0.#}s, measured {report.MeasuredSeconds:0.0}s, seed {report.Seed}; stopped: {report.StopReason}")));

        var title = report.Mode == "open"
            ? "latency in ms; open loop: each flow and its first request timed from the intended start"
            : "latency in ms; flows timed from their first request";
        var table = new Table { Border = TableBorder.Simple, Title = new TableTitle(title) };
        foreach (var (header, right) in new[]
                 {
                     ("step", false), ("count", true), ("unexpected", true), ("per s", true), ("p50", true), ("p90", true),
                     ("p99", true), ("p99.9", true), ("max", true), ("HTTP status", false), ("error code", false),
                 })
        {
            var column = new TableColumn(header);
            table.AddColumn(right ? column.RightAligned() : column);
        }

        foreach (var step in report.Steps)
        {
            var l = step.LatencyMs;
            table.AddRow(
                Markup.Escape(step.Kind == StepKind.Flow ? step.Name + " (flow)" : "  " + step.Name),
                step.Count.ToString("N0", c),
                step.Unexpected == 0 ? "0" : $"[red]{step.Unexpected.ToString("N0", c)}[/]",
                step.ThroughputPerSecond.ToString("N1", c),
                Ms(l.P50), Ms(l.P90), Ms(l.P99), Ms(l.P999), Ms(l.Max),
                Markup.Escape(string.Join(" ", step.Statuses.Select(s => $"{s.Key}:{s.Value.ToString(c)}"))),
                Markup.Escape(string.Join(" ", step.Codes.Select(s => $"{s.Key}:{s.Value.ToString(c)}"))));
        }

        console.Write(table);
        console.MarkupLine(Markup.Escape(string.Create(c,
            $"iterations: {report.Iterations:N0} measured ok, {report.IterationsFailed:N0} failed, {report.IterationsCancelled:N0} abandoned at the end; users created: {report.UsersCreated:N0}")));

        if (report.Attack is { } attack)
        {
            WriteAttack(attack, console);
        }

        if (report.UnexpectedErrors > 0)
        {
            console.MarkupLine(string.Create(c, $"[red]{report.UnexpectedErrors:N0} unexpected outcomes[/], e.g.:"));
            foreach (var sample in report.ErrorSamples.Take(10))
            {
                console.MarkupLine("  " + Markup.Escape(sample));
            }
        }

        if (report.Cpu is { } cpu)
        {
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            var server = cpu.ServerCoresBusy is { } busy
                ? string.Create(inv, $"server (pid {cpu.ServerPid}) {busy:0.00} cores, {cpu.ServerCpuMsPerIteration:0.###} CPU ms per iteration; ")
                : "";
            console.MarkupLine(Markup.Escape(string.Create(inv,
                $"cpu over the {cpu.WindowSeconds:0.#}s measured window ({cpu.Cores} cores): {server}load generator {cpu.LoadGeneratorCoresBusy:0.00} cores, {cpu.LoadGeneratorCpuMsPerIteration:0.###} CPU ms per iteration")));
        }

        foreach (var note in report.Notes)
        {
            console.MarkupLine("note: " + Markup.Escape(note));
        }

        console.MarkupLine(report.Passed
            ? "[green]PASS[/]: no unexpected outcome."
            : "[red]FAIL[/]: " + Markup.Escape(Reason(report)));
    }

    private static void WriteAttack(AttackReport attack, IAnsiConsole console)
    {
        var c = CultureInfo.InvariantCulture;
        console.MarkupLine(Markup.Escape(string.Create(c,
            $"lockout (SA-10, threshold {attack.Threshold}): {attack.Targets} usernames, {attack.Locked} locked, {attack.Throttled} refused with 429 before a lock, {attack.Violations} violations, {attack.Inconclusive} inconclusive")));
        var table = new Table { Border = TableBorder.Simple };
        table.AddColumns("username", "kind", "locked at attempt", "locked at (UTC)", "lockedUntil", "answers", "verdict");
        foreach (var result in attack.Results.Take(50))
        {
            var verdict = result.Inconclusive ?? (result.Violations.Count > 0 ? string.Join("; ", result.Violations) : result.Throttled ? "refused (429)" : "held");
            table.AddRow(
                Markup.Escape(result.Username),
                result.Kind,
                result.LockedAtAttempt?.ToString(c) ?? "-",
                result.LockedAt?.ToString("HH:mm:ss.fff", c) ?? "-",
                Markup.Escape(result.LockedUntil ?? "-"),
                string.Join(" ", result.Attempts.Select(a => a.RightPassword ? $"R{a.Status.ToString(c)}" : a.Status.ToString(c))),
                result.Violations.Count == 0 && result.Inconclusive is null ? $"[green]{verdict}[/]" : $"[red]{Markup.Escape(verdict)}[/]");
        }

        console.Write(table);
        if (attack.Results.Count > 50)
        {
            console.MarkupLine(string.Create(c, $"({attack.Results.Count - 50} more in --out)"));
        }
    }

    private static string Reason(RunReport report)
    {
        var reasons = new List<string>();
        if (report.UnexpectedErrors > 0)
        {
            reasons.Add($"{report.UnexpectedErrors} unexpected outcomes");
        }

        if (report.Attack is { Violations: > 0 } a)
        {
            reasons.Add($"{a.Violations} lockout violations");
        }

        if (report.Attack is { Inconclusive: > 0 } i)
        {
            reasons.Add($"{i.Inconclusive} lockout sequences rate-limited (inconclusive)");
        }

        if (report.Iterations == 0)
        {
            reasons.Add("no iteration was measured");
        }

        return string.Join(", ", reasons) + ".";
    }

    private static string Ms(double value) => value.ToString(value < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);
}
