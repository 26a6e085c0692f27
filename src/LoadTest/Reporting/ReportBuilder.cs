using SecureAccess.LoadTest.Cli;
using SecureAccess.LoadTest.Load;
using SecureAccess.LoadTest.Measurement;

namespace SecureAccess.LoadTest.Reporting;

internal static class ReportBuilder
{
    public static RunReport Build(LoadTestOptions options, Uri target, int seed, DateTimeOffset startedAt, LatencyRecorder recorder, DriverResult result)
    {
        var seconds = result.MeasuredSeconds;
        return new RunReport
        {
            Scenario = options.Scenario.ToString().ToLowerInvariant(),
            Target = target.ToString(),
            Mode = options.Rate is null ? "closed" : "open",
            Concurrency = options.Rate is null ? options.Concurrency : null,
            Rate = options.Rate,
            Seed = seed,
            StartedAt = startedAt,
            WarmupSeconds = options.EffectiveWarmup.TotalSeconds,
            MeasuredSeconds = Math.Round(seconds, 3),
            StopReason = result.StopReason,
            Iterations = recorder.Steps.Where(s => s.Kind == StepKind.Flow).Sum(s => s.Count - s.Unexpected),
            IterationsFailed = result.Failed,
            IterationsCancelled = result.Cancelled,
            UnexpectedErrors = recorder.Errors.Count,
            ErrorSamples = recorder.Errors.Samples,
            Steps = recorder.Steps.Select(s => new StepReport(
                s.Name,
                s.Kind,
                s.Count,
                s.Unexpected,
                seconds > 0 ? Math.Round(s.Count / seconds, 2) : 0,
                LatencySummary.From(s.Latency),
                s.StatusCounts(),
                s.CodeCounts(),
                LatencySummary.Curve(s.Latency))).ToList(),
            Timeline = recorder.Timeline.Points(recorder.WarmupSeconds, result.ElapsedSeconds),
        };
    }
}
