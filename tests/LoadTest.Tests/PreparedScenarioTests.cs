using System.Diagnostics;
using SecureAccess.LoadTest.Cli;
using SecureAccess.LoadTest.Measurement;
using SecureAccess.LoadTest.Reporting;
using SecureAccess.LoadTest.Tests.Fakes;

namespace SecureAccess.LoadTest.Tests;

/// The non-hash scenarios (verify, locked, account) and activate, against the in-memory fake:
/// preparation stays out of the step tables, and its failures still count.
public class PreparedScenarioTests
{
    [Fact]
    public async Task Verify_measures_only_the_verify_of_challenges_prepared_beforehand()
    {
        var server = new FakeServer(identities: 3);
        var seed = await LoadTestRunner.RunAsync(server.Options(ScenarioKind.Seed, requests: 3));
        var options = server.Options(ScenarioKind.Verify, requests: 100);
        options.Users = seed.Users;
        options.Prepare = 9;

        var report = await LoadTestRunner.RunAsync(options);

        Assert.True(report.Passed, Explain(report));
        Assert.Equal(["verify", "verify.code"], report.Steps.Select(s => s.Name));
        Assert.Equal(9, report.Step("verify.code")!.Statuses["200"]);
        Assert.Equal("prepared challenges used up", report.StopReason);
        Assert.Contains(report.Notes, n => n.StartsWith("Prepared 9 challenges", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Locked_locks_its_targets_first_and_then_expects_423_only()
    {
        var server = new FakeServer(identities: 1);
        var options = server.Options(ScenarioKind.Locked, requests: 20, concurrency: 2);
        options.UnknownUsernames = 4;

        var report = await LoadTestRunner.RunAsync(options);

        Assert.True(report.Passed, Explain(report));
        Assert.Equal(new Dictionary<string, long> { ["account_locked"] = 20 }, report.Step("locked.signin")!.Codes);
        Assert.Contains(report.Notes, n => n.StartsWith("Prepared 4 locked usernames", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Locked_accepts_names_an_earlier_run_locked()
    {
        var server = new FakeServer(identities: 1);
        var first = server.Options(ScenarioKind.Locked, requests: 2);
        first.Usernames = ["nobodyone", "nobodytwo"];
        Assert.True((await LoadTestRunner.RunAsync(first)).Passed);

        var second = server.Options(ScenarioKind.Locked, requests: 6);
        second.Usernames = ["nobodyone", "nobodytwo"];
        var report = await LoadTestRunner.RunAsync(second);

        Assert.True(report.Passed, Explain(report));
        Assert.Equal(6, report.Step("locked.signin")!.Codes["account_locked"]);
    }

    [Fact]
    public async Task Account_reads_round_robin_with_tokens_from_the_preparation()
    {
        var server = new FakeServer(identities: 4);
        var seed = await LoadTestRunner.RunAsync(server.Options(ScenarioKind.Seed, requests: 4));
        var options = server.Options(ScenarioKind.Account, requests: 12);
        options.Users = seed.Users;
        options.Prepare = 3;

        var report = await LoadTestRunner.RunAsync(options);

        Assert.True(report.Passed, Explain(report));
        Assert.Equal(["account", "account.read"], report.Steps.Select(s => s.Name));
        Assert.Equal(12, report.Step("account.read")!.Statuses["200"]);
    }

    [Fact]
    public async Task A_failed_preparation_counts_as_an_unexpected_error()
    {
        var server = new FakeServer(identities: 2);
        var seed = await LoadTestRunner.RunAsync(server.Options(ScenarioKind.Seed, requests: 2));
        var options = server.Options(ScenarioKind.Verify, requests: 5);
        options.Users = seed.Users.Select(u => u with { Password = "not-their-password" }).ToList();
        options.Prepare = 2;

        var report = await LoadTestRunner.RunAsync(options);

        Assert.False(report.Passed);
        Assert.True(report.UnexpectedErrors >= 2);
        Assert.All(report.ErrorSamples, e => Assert.StartsWith("prepare: ", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Activate_tries_a_new_unknown_username_per_iteration()
    {
        var server = new FakeServer(identities: 1);

        var report = await LoadTestRunner.RunAsync(server.Options(ScenarioKind.Activate, requests: 15));

        Assert.True(report.Passed, Explain(report));
        Assert.Equal(15, report.Step("activate.signin")!.Codes["invalid_credentials"]);
    }

    [Fact]
    public async Task Cpu_of_the_window_is_reported_for_the_server_process_given()
    {
        var server = new FakeServer(identities: 1);
        var options = server.Options(ScenarioKind.Activate, requests: 5);
        options.ServerPid = Environment.ProcessId; // the fake lives in this process

        var report = await LoadTestRunner.RunAsync(options);

        Assert.NotNull(report.Cpu);
        Assert.Equal(Environment.ProcessorCount, report.Cpu!.Cores);
        if (OperatingSystem.IsLinux())
        {
            Assert.NotNull(report.Cpu.ServerCoresBusy);
            Assert.NotNull(report.Cpu.ServerCpuMsPerIteration);
        }
    }

    [Fact]
    public void Process_cpu_seconds_read_from_proc_grow_with_work()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var before = CpuMeter.ProcessSeconds(Environment.ProcessId)!.Value;
        var spin = Stopwatch.StartNew();
        var x = 0.0;
        while (spin.ElapsedMilliseconds < 300)
        {
            x += Math.Sqrt(x + 1);
        }

        Assert.True(x > 0);
        Assert.True(CpuMeter.ProcessSeconds(Environment.ProcessId)!.Value > before);
        Assert.Null(CpuMeter.ProcessSeconds(int.MaxValue));
    }

    [Fact]
    public void Error_logs_merge_with_their_full_count()
    {
        var preparation = new ErrorLog(keep: 2);
        for (var i = 0; i < 5; i++)
        {
            preparation.Add($"error {i}");
        }

        var run = new ErrorLog();
        run.AddAll(preparation, "prepare: ");

        Assert.Equal(5, run.Count);
        Assert.Equal(["prepare: error 0", "prepare: error 1"], run.Samples);
    }

    [Theory]
    [InlineData("verify", ScenarioKind.Verify)]
    [InlineData("locked", ScenarioKind.Locked)]
    [InlineData("account", ScenarioKind.Account)]
    [InlineData("activate", ScenarioKind.Activate)]
    public void New_scenarios_parse_with_prepare_and_server_pid(string name, ScenarioKind kind)
    {
        var parsed = OptionsParser.Parse([name, "--target", "http://127.0.0.1:5080", "--prepare", "7", "--server-pid", "42"]);

        Assert.True(parsed.Succeeded, parsed.Error);
        Assert.Equal(kind, parsed.Options!.Scenario);
        Assert.Equal(7, parsed.Options.Prepare);
        Assert.Equal(42, parsed.Options.ServerPid);
    }

    private static string Explain(RunReport report) =>
        string.Join(Environment.NewLine, report.ErrorSamples.Concat(report.Notes).Append(report.StopReason));
}
