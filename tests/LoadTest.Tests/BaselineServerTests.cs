using SecureAccess.LoadTest.Cli;
using SecureAccess.LoadTest.Scenarios;
using SecureAccess.Testing;

namespace SecureAccess.LoadTest.Tests;

/// `serve-baseline` hosts the bare endpoint alone (so a benchmark can pin it to the gateway's CPUs),
/// and `baseline --target` measures it from another process.
public class BaselineServerTests
{
    [Theory]
    [InlineData(new[] { "--port", "5099" }, 5099, 1800)]
    [InlineData(new[] { "--port", "5099", "--duration", "90s" }, 5099, 90)]
    [InlineData(new[] { "--duration", "2m", "--port", "1" }, 1, 120)]
    public void Accepts_a_port_and_an_optional_duration(string[] args, int port, int seconds) =>
        Assert.Equal((port, TimeSpan.FromSeconds(seconds)), BaselineServer.Parse(args));

    [Theory]
    [InlineData("")]
    [InlineData("--port")]
    [InlineData("--port 0")]
    [InlineData("--port 65536")]
    [InlineData("--port -5")]
    [InlineData("--port 80 --duration 0s")]
    [InlineData("--port 80 --duration forever")]
    [InlineData("--port 80 --rate 5")]
    [InlineData("--duration 5m")]
    public void Refuses_anything_else(string commandLine) =>
        Assert.Null(BaselineServer.Parse(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)));

    [Fact]
    public async Task A_wrong_command_line_exits_2_with_usage()
    {
        using var errors = new StringWriter();
        Assert.Equal(2, await BaselineServer.RunAsync(["--port"], TextWriter.Null, errors, CancellationToken.None));
        Assert.Contains("usage: serve-baseline", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Baseline_with_a_target_drives_an_endpoint_served_elsewhere()
    {
        var port = TestSettings.FreePort();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1)); // bounded even if the test fails
        using var output = new StringWriter();
        var serving = BaselineServer.RunAsync(["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--duration", "1m"], output, TextWriter.Null, stop.Token);
        var target = new Uri($"http://127.0.0.1:{port}/");
        await WaitUntilListening(port);

        var report = await LoadTestRunner.RunAsync(new LoadTestOptions
        {
            Scenario = ScenarioKind.Baseline,
            Target = target,
            Requests = 40,
            Concurrency = 2,
            Warmup = TimeSpan.Zero,
            Duration = TimeSpan.FromSeconds(30),
        });
        await stop.CancelAsync();

        Assert.Equal(0, await serving);
        Assert.Equal(0, report.UnexpectedErrors);
        Assert.Equal(40, report.Step("baseline.request")!.Statuses["200"]);
        Assert.Contains($"127.0.0.1:{port}/{BareEndpoint.Path}", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Baseline_with_a_remote_target_is_refused_like_any_scenario() =>
        Assert.Throws<LoadTestConfigurationException>(() => LoadTestRunner.Validate(new LoadTestOptions
        {
            Scenario = ScenarioKind.Baseline,
            Target = new Uri("http://203.0.113.7:5080/"),
            Requests = 1,
            Concurrency = 1,
        }));

    private static async Task WaitUntilListening(int port)
    {
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(25);
            }
        }

        throw new TimeoutException($"nothing listens on 127.0.0.1:{port}");
    }
}
