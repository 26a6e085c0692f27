using SecureAccess.LoadTest.Cli;
using SecureAccess.LoadTest.Reporting;
using SecureAccess.LoadTest.Tests.Fakes;

namespace SecureAccess.LoadTest.Tests;

/// CI has no terminal: progress and the final table must come out as plain lines.
public class ConsoleOutputTests
{
    [Fact]
    public async Task Without_a_terminal_progress_is_plain_lines_and_the_table_has_no_escape_codes()
    {
        var server = new FakeServer(identities: 3);
        var progress = new StringWriter();
        var options = server.Options(ScenarioKind.SignUp, requests: 3);
        options.ProgressWriter = progress;
        options.ProgressInteractive = false;

        var report = await LoadTestRunner.RunAsync(options);
        var output = new StringWriter();
        ConsoleReport.Write(report, ConsoleReport.CreateConsole(output, isTerminal: false));

        Assert.DoesNotContain('\r', progress.ToString());
        Assert.Contains("done", progress.ToString(), StringComparison.Ordinal);
        var table = output.ToString();
        Assert.DoesNotContain('\u001b', table);
        Assert.Contains("signup.identity", table, StringComparison.Ordinal);
        Assert.Contains("p99.9", table, StringComparison.Ordinal);
        Assert.Contains("PASS", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_run_says_why_at_the_end()
    {
        var server = new FakeServer(identities: 2);
        var signUp = await LoadTestRunner.RunAsync(server.Options(ScenarioKind.SignUp, requests: 2));
        server.Api.LockAfter = 2;
        var options = server.Options(ScenarioKind.Attack, requests: 2);
        options.Users = signUp.Users;
        var report = await LoadTestRunner.RunAsync(options);
        var output = new StringWriter();

        ConsoleReport.Write(report, ConsoleReport.CreateConsole(output, isTerminal: false));

        Assert.Contains("FAIL: 2 lockout violations", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("locked at attempt 3 after 2 failures", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("2 locked, 0 refused with 429 before a lock", output.ToString(), StringComparison.Ordinal); // issue 11: locks and 429s apart
    }
}
