using ScottPlot;
using SecureAccess.LoadTest.Measurement;

namespace SecureAccess.LoadTest.Reporting;

/// `--plot`: one PNG with three panels — latency by percentile per step, flow latency over time,
/// and throughput over time (warmup shaded).
public static class LatencyPlot
{
    private static readonly (double Percentile, string Label)[] PercentileTicks =
    [
        (0, "0%"), (50, "50%"), (90, "90%"), (99, "99%"), (99.9, "99.9%"), (99.99, "99.99%"), (99.999, "99.999%"),
    ];

    public static void Save(RunReport report, string path, int width = 1400, int height = 1500)
    {
        ArgumentNullException.ThrowIfNull(report);
        var multiplot = new Multiplot();
        multiplot.AddPlots(3);
        DrawPercentiles(multiplot.GetPlot(0), report);
        DrawLatencyOverTime(multiplot.GetPlot(1), report);
        DrawThroughput(multiplot.GetPlot(2), report);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        multiplot.SavePng(path, width, height);
    }

    /// HdrHistogram's view: x is -log10(1 - p), so 90 %, 99 %, 99.9 % sit one unit apart and the tail is legible.
    public static double PercentileToX(double percentile) =>
        -Math.Log10(Math.Max(1e-6, 1 - (Math.Min(percentile, 99.9999) / 100)));

    private static void DrawPercentiles(Plot plot, RunReport report)
    {
        plot.Title($"{report.Scenario}: latency by percentile (measured iterations)");
        plot.YLabel("latency (ms)");
        plot.XLabel("percentile");
        var any = false;
        var maxX = PercentileToX(99.9);
        foreach (var step in Legible(report.Steps))
        {
            var xs = step.PercentileCurve.Select(p => PercentileToX(p.Percentile)).ToArray();
            var ys = step.PercentileCurve.Select(p => p.LatencyMs).ToArray();
            var line = plot.Add.ScatterLine(xs, ys);
            line.LegendText = step.Kind == StepKind.Flow ? step.Name + " (flow)" : step.Name;
            line.LineWidth = step.Kind == StepKind.Flow ? 3 : 1.5f;
            // The last point is always 100 %, drawn at the far edge; the axis need only reach a little past the tail.
            var tail = step.PercentileCurve.Where(p => p.Percentile < 100).Select(p => PercentileToX(p.Percentile)).DefaultIfEmpty(0).Max();
            maxX = Math.Max(maxX, tail + 0.5);
            any = true;
        }

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (percentile, label) in PercentileTicks.Where(t => PercentileToX(t.Percentile) <= maxX + 0.01))
        {
            ticks.AddMajor(PercentileToX(percentile), label);
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.SetLimitsX(0, maxX);
        Finish(plot, any);
    }

    /// Every flow, then the busiest requests, up to a dozen lines; dev-outbox reads are test
    /// scaffolding, not part of what a user waits for, so they are left to the table.
    private static IEnumerable<StepReport> Legible(IReadOnlyList<StepReport> steps)
    {
        const int MostLines = 12;
        var drawn = steps.Where(s => s.PercentileCurve.Count > 0).ToList();
        var flows = drawn.Where(s => s.Kind == StepKind.Flow).ToList();
        var requests = drawn.Where(s => s.Kind == StepKind.Request && !s.Name.EndsWith(".outbox", StringComparison.Ordinal))
            .OrderByDescending(s => s.Count).Take(Math.Max(2, MostLines - flows.Count)).ToHashSet();
        return drawn.Where(s => s.Kind == StepKind.Flow || requests.Contains(s));
    }

    private static void DrawLatencyOverTime(Plot plot, RunReport report)
    {
        plot.Title("flow latency over time (flows finished in each second)");
        plot.YLabel("latency (ms)");
        plot.XLabel("seconds since start");
        var points = Whole(report).Where(p => p.Flows > 0).ToList();
        ShadeWarmup(plot, report);
        if (points.Count > 0)
        {
            var xs = points.Select(Middle).ToArray();
            Line(plot, xs, points.Select(p => p.FlowP50Ms).ToArray(), "p50");
            Line(plot, xs, points.Select(p => p.FlowP90Ms).ToArray(), "p90");
            Line(plot, xs, points.Select(p => p.FlowP99Ms).ToArray(), "p99");
            Line(plot, xs, points.Select(p => p.FlowMaxMs).ToArray(), "max");
        }

        Finish(plot, points.Count > 0);
        SpanRun(plot, report);
    }

    private static void DrawThroughput(Plot plot, RunReport report)
    {
        plot.Title("throughput over time");
        plot.YLabel("per second");
        plot.XLabel("seconds since start");
        ShadeWarmup(plot, report);
        var points = Whole(report);
        if (points.Count > 0)
        {
            var xs = points.Select(Middle).ToArray();
            Line(plot, xs, points.Select(p => p.Requests / p.Covered).ToArray(), "requests/s");
            Line(plot, xs, points.Select(p => p.Flows / p.Covered).ToArray(), "flows/s");
            if (points.Any(p => p.Errors > 0))
            {
                Line(plot, xs, points.Select(p => p.Errors / p.Covered).ToArray(), "unexpected/s");
            }
        }

        Finish(plot, points.Count > 0);
        SpanRun(plot, report);
        if (points.Count > 0)
        {
            // From zero, so a dip of a few percent does not look like a collapse.
            plot.Axes.SetLimitsY(0, Math.Max(1, points.Max(p => p.Requests / p.Covered) * 1.1));
        }
    }

    /// A sliver of a second at the end would turn a handful of requests into a wild rate.
    private static List<TimelinePoint> Whole(RunReport report) => report.Timeline.Where(p => p.Covered >= 0.25).ToList();

    private static void SpanRun(Plot plot, RunReport report)
    {
        if (report.Timeline.Count > 0)
        {
            var last = report.Timeline[^1];
            plot.Axes.SetLimitsX(0, Math.Max(1, last.Second + last.Covered));
        }
    }

    /// A bucket's values belong to the middle of the time it covers.
    private static double Middle(TimelinePoint point) => point.Second + (point.Covered / 2);

    private static void Line(Plot plot, double[] xs, double[] ys, string label)
    {
        var line = plot.Add.ScatterLine(xs, ys);
        line.LegendText = label;
        line.LineWidth = 2;
        line.MarkerSize = xs.Length < 60 ? 4 : 0;
    }

    private static void ShadeWarmup(Plot plot, RunReport report)
    {
        if (report.WarmupSeconds > 0)
        {
            var span = plot.Add.HorizontalSpan(0, report.WarmupSeconds, Colors.Gray.WithAlpha(0.15));
            span.LegendText = "warmup";
        }
    }

    private static void Finish(Plot plot, bool any)
    {
        if (any)
        {
            plot.ShowLegend(Edge.Right);
        }
        else
        {
            plot.Add.Annotation("no data");
        }

        plot.Axes.Margins(bottom: 0);
    }
}
