using System.Diagnostics;
using HdrHistogram;
using SecureAccess.LoadTest.Measurement;

namespace SecureAccess.LoadTest.Tests;

public class LatencyReportingTests
{
    [Fact]
    public void Uniform_latencies_of_1_to_1000_ms_report_their_known_percentiles()
    {
        var histogram = Histograms.Precise();
        for (var ms = 1; ms <= 1000; ms++)
        {
            Histograms.Record(histogram, ms * 1000L);
        }

        var summary = LatencySummary.From(histogram);

        // Three significant digits: each value is exact to within 0.1 %.
        AssertNear(500, summary.P50);
        AssertNear(900, summary.P90);
        AssertNear(990, summary.P99);
        AssertNear(999, summary.P999);
        AssertNear(1000, summary.Max);
        AssertNear(500.5, summary.Mean);
    }

    [Fact]
    public void A_slow_tail_shows_in_the_high_percentiles_and_not_in_the_median()
    {
        var histogram = Histograms.Precise();
        Histograms.Record(histogram, 0); // clamped to the lowest trackable value, not lost
        for (var i = 0; i < 989; i++)
        {
            Histograms.Record(histogram, 2_000);
        }

        for (var i = 0; i < 10; i++)
        {
            Histograms.Record(histogram, 250_000);
        }

        var summary = LatencySummary.From(histogram);

        Assert.Equal(1000, histogram.TotalCount);
        AssertNear(2, summary.P50);
        AssertNear(2, summary.P90);
        AssertNear(250, summary.P999);
        AssertNear(250, summary.Max);
    }

    [Fact]
    public void An_empty_histogram_reports_zeros()
    {
        Assert.Equal(LatencySummary.Empty, LatencySummary.From(Histograms.Precise()));
        Assert.Empty(LatencySummary.Curve(Histograms.Precise()));
    }

    [Fact]
    public void The_percentile_curve_rises_from_the_minimum_to_the_maximum()
    {
        var histogram = Histograms.Precise();
        for (var ms = 1; ms <= 100; ms++)
        {
            Histograms.Record(histogram, ms * 1000L);
        }

        var curve = LatencySummary.Curve(histogram);

        Assert.True(curve.Count > 10);
        Assert.Equal(curve.OrderBy(p => p.Percentile).Select(p => p.LatencyMs), curve.Select(p => p.LatencyMs));
        AssertNear(100, curve[^1].LatencyMs);
        Assert.Equal(100, curve[^1].Percentile);
    }

    [Fact]
    public void Only_iterations_started_after_the_warmup_reach_the_step_tables()
    {
        var epoch = Stopwatch.GetTimestamp();
        var recorder = new LatencyRecorder(epoch, TimeSpan.FromSeconds(5));
        var duringWarmup = epoch + Stopwatch.Frequency;
        var afterWarmup = epoch + (6 * Stopwatch.Frequency);

        recorder.RecordRequest("signin.password", duringWarmup, duringWarmup + 100, 200, null, unexpected: false, measured: recorder.IsMeasured(duringWarmup));
        recorder.RecordRequest("signin.password", afterWarmup, afterWarmup + (Stopwatch.Frequency / 100), 401, "invalid_credentials", unexpected: true, measured: recorder.IsMeasured(afterWarmup));
        recorder.RecordFlow("signin", afterWarmup, afterWarmup + (Stopwatch.Frequency / 50), ok: true, measured: true);

        var steps = recorder.Steps;
        Assert.Equal(["signin", "signin.password"], steps.Select(s => s.Name));
        var request = steps[1];
        Assert.Equal(1, request.Count);
        Assert.Equal(1, request.Unexpected);
        Assert.Equal(new Dictionary<string, long> { ["401"] = 1 }, request.StatusCounts());
        Assert.Equal(new Dictionary<string, long> { ["invalid_credentials"] = 1 }, request.CodeCounts());
        AssertNear(10, LatencySummary.From(request.Latency).Max);
        Assert.Equal(2, recorder.Requests);
    }

    [Fact]
    public void The_timeline_counts_each_second_and_the_partial_last_one()
    {
        var timeline = new Timeline();
        timeline.RecordRequest(0, unexpected: false);
        timeline.RecordRequest(2, unexpected: true);
        timeline.RecordFlow(2, 4_000, ok: true);

        var points = timeline.Points(warmupSeconds: 1, elapsedSeconds: 2.5);

        Assert.Equal([0, 1, 2], points.Select(p => p.Second));
        Assert.True(points[0].Warmup);
        Assert.False(points[2].Warmup);
        Assert.Equal(0, points[1].Requests);
        Assert.Equal(1, points[2].Errors);
        Assert.Equal(0.5, points[2].Covered);
        AssertNear(4, points[2].FlowP50Ms, tolerance: 0.01);
    }

    private static void AssertNear(double expected, double actual, double tolerance = 0.001) =>
        Assert.InRange(actual, expected * (1 - tolerance) - 0.001, expected * (1 + tolerance) + 0.001);
}
