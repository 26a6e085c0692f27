using System.Diagnostics;
using System.Security.Cryptography;
using SecureAccess.Client;
using SecureAccess.LoadTest.Api;
using SecureAccess.LoadTest.Cli;
using SecureAccess.LoadTest.Data;
using SecureAccess.LoadTest.Flows;
using SecureAccess.LoadTest.Load;
using SecureAccess.LoadTest.Measurement;
using SecureAccess.LoadTest.Reporting;
using SecureAccess.LoadTest.Scenarios;

namespace SecureAccess.LoadTest;

/// The public entry point: the command line and tests both run scenarios through here.
/// <example>
/// Against a WebApplicationFactory:
/// <code>
/// var report = await LoadTestRunner.RunAsync(new LoadTestOptions
/// {
///     Scenario = ScenarioKind.SignUp, Target = new Uri("http://localhost"), Handler = factory.Server.CreateHandler(),
///     Identities = records, Requests = 20, Concurrency = 4, Warmup = TimeSpan.Zero,
/// }, ct);
/// Assert.True(report.Passed, string.Join("\n", report.ErrorSamples));
/// </code>
/// </example>
public static class LoadTestRunner
{
    /// Runs one scenario to its end (time, iteration bound or data exhausted) and returns what it
    /// measured; writes `--out`, `--plot` and the users file when their paths are set.
    /// <exception cref="LoadTestConfigurationException">The run cannot start as configured.</exception>
    public static async Task<RunReport> RunAsync(LoadTestOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);

        // baseline without --target hosts the bare endpoint here; with it, it measures one served elsewhere.
        await using var bare = options.Scenario == ScenarioKind.Baseline && options.Target is null ? await BareEndpoint.StartAsync(ct).ConfigureAwait(false) : null;
        var target = bare?.Address ?? options.Target!;
        using var http = LoadHttpClient.Create(target, options.RequestTimeout, bare is null ? options.Handler : null);
        var seed = options.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        var services = new RunServices(options, new SecureAccessClient(http), new NameFactory(options.UsernamePrefix), new SeededRandom(seed));

        var (scenario, created) = await ScenarioFactory.CreateAsync(services, ct).ConfigureAwait(false);
        var notes = created.ToList();
        await using (scenario.ConfigureAwait(false))
        {
            Preparation? preparation = null;
            if (scenario is IPreparingScenario preparing)
            {
                preparation = new Preparation();
                options.ProgressWriter?.WriteLine("preparing (not measured)…");
                await preparing.PrepareAsync(preparation, ct).ConfigureAwait(false);
                notes.Add(preparation.Describe(options.Scenario switch
                {
                    ScenarioKind.Verify => "challenges",
                    ScenarioKind.Locked => "locked usernames",
                    ScenarioKind.Account => "signed-in users",
                    _ => "items",
                }));
            }

            var startedAt = DateTimeOffset.UtcNow;
            var recorder = new LatencyRecorder(Stopwatch.GetTimestamp(), options.EffectiveWarmup);
            if (preparation is not null)
            {
                recorder.Errors.AddAll(preparation.Recorder.Errors, "prepare: ");
            }

            var driver = new LoadDriver(options, recorder, scenario);
            var cpu = new CpuMeter(options.ServerPid);
            using var measuring = new CancellationTokenSource();
            var cpuWindow = MeterCpuAsync(cpu, recorder, options, measuring.Token);
            DriverResult result;
            var progress = options.ProgressWriter is { } writer ? new ProgressReporter(writer, options.ProgressInteractive, recorder, driver) : null;
            try
            {
                result = await driver.RunAsync(ct).ConfigureAwait(false);
            }
            finally
            {
                if (progress is not null)
                {
                    await progress.DisposeAsync().ConfigureAwait(false);
                }
            }

            await measuring.CancelAsync().ConfigureAwait(false);
            var window = await cpuWindow.ConfigureAwait(false);
            var report = ReportBuilder.Build(options, target, seed, startedAt, recorder, result);
            report.Cpu = window?.Report(report.Iterations);
            report.Notes.AddRange(notes);
            await scenario.CompleteAsync(report, CancellationToken.None).ConfigureAwait(false);
            if (result.Cancelled > 0)
            {
                report.Notes.Add($"{result.Cancelled} iterations still running after the {options.Drain.TotalSeconds:0.#}s drain were abandoned (not counted as errors).");
            }

            if (options.OutPath is { } outPath)
            {
                await JsonReport.WriteAsync(report, outPath, CancellationToken.None).ConfigureAwait(false);
            }

            if (options.PlotPath is { } plotPath)
            {
                LatencyPlot.Save(report, plotPath);
            }

            return report;
        }
    }

    /// Starts the CPU meter when the warmup ends and stops it when the measured window does (or
    /// when the run ends earlier).
    private static async Task<CpuWindow?> MeterCpuAsync(CpuMeter cpu, LatencyRecorder recorder, LoadTestOptions options, CancellationToken ended)
    {
        try
        {
            var untilMeasured = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), recorder.MeasureFrom);
            if (untilMeasured > TimeSpan.Zero)
            {
                await Task.Delay(untilMeasured, ended).ConfigureAwait(false);
            }

            cpu.Start();
            await Task.Delay(options.EffectiveDuration, ended).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return cpu.Stop();
    }

    /// Refuses what would make a run unbounded, aimed off this machine, or meaningless.
    public static void Validate(LoadTestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if ((options.Scenario != ScenarioKind.Baseline || options.Target is not null) && TargetGuard.Check(options.Target, options.AllowRemote) is { } refusal)
        {
            throw new LoadTestConfigurationException(refusal);
        }

        var problems = new List<string>();
        if (options.Concurrency < 1)
        {
            problems.Add("--concurrency must be at least 1.");
        }

        if (options.Rate is { } rate && (rate <= 0 || double.IsNaN(rate) || double.IsInfinity(rate)))
        {
            problems.Add("--rate must be above 0.");
        }

        if (options.MaxInFlight < 1)
        {
            problems.Add("--max-in-flight must be at least 1.");
        }

        if (options.EffectiveDuration <= TimeSpan.Zero || options.EffectiveDuration > TimeSpan.FromHours(24))
        {
            problems.Add("--duration must be above 0 and at most 24h.");
        }

        if (options.EffectiveWarmup < TimeSpan.Zero || options.EffectiveWarmup > TimeSpan.FromHours(1))
        {
            problems.Add("--warmup must be between 0 and 1h.");
        }

        if (options.Requests is < 1)
        {
            problems.Add("--requests must be at least 1.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(10))
        {
            problems.Add("--timeout must be above 0 and at most 10m.");
        }

        if (options.Drain < TimeSpan.Zero || options.Drain > TimeSpan.FromMinutes(10))
        {
            problems.Add("--drain must be between 0 and 10m.");
        }

        if (options.LockoutThreshold < 1)
        {
            problems.Add("--threshold must be at least 1.");
        }

        if (options.AttemptsAfterLock < 1)
        {
            problems.Add("--extra-attempts must be at least 1.");
        }

        if (string.IsNullOrWhiteSpace(options.UsernamePrefix) || !options.UsernamePrefix.All(char.IsAsciiLetterOrDigit))
        {
            problems.Add("--username-prefix takes letters and digits only.");
        }

        if (problems.Count > 0)
        {
            throw new LoadTestConfigurationException(string.Join(" ", problems));
        }
    }
}
