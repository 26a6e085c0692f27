using SecureAccess.LoadTest.Cli;

namespace SecureAccess.LoadTest.Tests;

public class TargetGuardTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://127.1.2.3/")]
    [InlineData("http://127.255.255.254:1")]
    [InlineData("http://localhost:5000")]
    [InlineData("https://LOCALHOST")]
    [InlineData("http://[::1]:8080")]
    [InlineData("http://[::ffff:127.0.0.1]:8080")]
    public void Loopback_targets_are_allowed(string url)
    {
        Assert.True(TargetGuard.IsLoopback(new Uri(url)));
        Assert.Null(TargetGuard.Check(new Uri(url), allowRemote: false));
    }

    [Theory]
    [InlineData("http://10.0.0.5")]
    [InlineData("http://192.168.1.10:5080")]
    [InlineData("http://172.16.0.1")]
    [InlineData("http://128.0.0.1")]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://example.com")]
    [InlineData("http://localhost.example.com")]
    [InlineData("http://127.0.0.1.nip.io")]
    [InlineData("http://[::2]")]
    [InlineData("http://[fe80::1]")]
    public void Anything_else_is_refused_unless_remote_is_allowed(string url)
    {
        var target = new Uri(url);

        Assert.False(TargetGuard.IsLoopback(target));
        Assert.Contains("--allow-remote", TargetGuard.Check(target, allowRemote: false), StringComparison.Ordinal);
        Assert.Null(TargetGuard.Check(target, allowRemote: true));
    }

    [Fact]
    public void A_missing_or_non_http_target_is_refused_even_with_allow_remote()
    {
        Assert.NotNull(TargetGuard.Check(null, allowRemote: true));
        Assert.NotNull(TargetGuard.Check(new Uri("ftp://127.0.0.1"), allowRemote: true));
    }

    [Fact]
    public async Task A_run_against_a_remote_target_never_starts()
    {
        var options = new LoadTestOptions { Scenario = ScenarioKind.SignIn, Target = new Uri("http://192.168.1.10:5080") };

        var refusal = await Assert.ThrowsAsync<LoadTestConfigurationException>(() => LoadTestRunner.RunAsync(options));

        Assert.Contains("loopback", refusal.Message, StringComparison.Ordinal);
    }
}
