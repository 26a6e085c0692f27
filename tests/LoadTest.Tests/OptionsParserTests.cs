using SecureAccess.LoadTest.Cli;
using SecureAccess.LoadTest.Data;
using SecureAccess.LoadTest.Scenarios;

namespace SecureAccess.LoadTest.Tests;

public class OptionsParserTests
{
    [Fact]
    public void A_full_command_line_fills_every_option()
    {
        var result = OptionsParser.Parse(
        [
            "signin", "--target", "http://127.0.0.1:5080", "--rate", "250.5", "--max-in-flight", "64", "--duration", "2m",
            "--warmup=500ms", "--requests", "10_000", "--timeout", "3s", "--drain", "1s", "--users", "u.json", "--method", "app",
            "--out", "r.json", "--plot", "p.png", "--seed", "42", "--no-progress", "--user-cooldown", "61s", "--outbox-timeout", "2s",
        ]);

        Assert.True(result.Succeeded, result.Error);
        var o = result.Options!;
        Assert.Equal(ScenarioKind.SignIn, o.Scenario);
        Assert.Equal(new Uri("http://127.0.0.1:5080"), o.Target);
        Assert.Equal(250.5, o.Rate);
        Assert.Equal(64, o.MaxInFlight);
        Assert.Equal(TimeSpan.FromMinutes(2), o.EffectiveDuration);
        Assert.Equal(TimeSpan.FromMilliseconds(500), o.EffectiveWarmup);
        Assert.Equal(10_000, o.Requests);
        Assert.Equal(TimeSpan.FromSeconds(3), o.RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), o.Drain);
        Assert.Equal("u.json", o.UsersPath);
        Assert.Equal(SecondFactor.App, o.Method);
        Assert.Equal("r.json", o.OutPath);
        Assert.Equal("p.png", o.PlotPath);
        Assert.Equal(42, o.Seed);
        Assert.Equal(TimeSpan.FromSeconds(61), o.UserCooldown);
        Assert.Equal(TimeSpan.FromSeconds(2), o.OutboxTimeout);
        Assert.False(result.ShowProgress);
    }

    [Fact]
    public void Defaults_are_a_closed_loop_of_8_for_30_seconds_with_a_scenario_dependent_warmup()
    {
        var signIn = OptionsParser.Parse(["signin", "--target", "http://localhost:1"]).Options!;
        var signUp = OptionsParser.Parse(["signup", "--target", "http://localhost:1"]).Options!;
        var seed = OptionsParser.Parse(["seed", "--target", "http://localhost:1"]).Options!;
        var attack = OptionsParser.Parse(["attack", "--target", "http://localhost:1"]).Options!;

        Assert.Null(signIn.Rate);
        Assert.Equal(8, signIn.Concurrency);
        Assert.Equal(TimeSpan.FromSeconds(30), signIn.EffectiveDuration);
        Assert.Equal(TimeSpan.FromSeconds(5), signIn.EffectiveWarmup);
        Assert.Equal(TimeSpan.Zero, signUp.EffectiveWarmup);
        Assert.Equal(TimeSpan.FromMinutes(10), seed.EffectiveDuration);
        Assert.Equal(5, attack.LockoutThreshold);
        Assert.Equal(3, attack.AttemptsAfterLock);
        Assert.Equal(MixPlan.Default, signIn.Mix);
    }

    [Fact]
    public void Registering_and_signing_in_share_users_json_by_default_but_attack_reads_no_users_unless_told()
    {
        Assert.Equal("users.json", OptionsParser.Parse(["signup", "--target", "http://localhost:1"]).Options!.UsersPath);
        Assert.Equal("users.json", OptionsParser.Parse(["signin", "--target", "http://localhost:1"]).Options!.UsersPath);
        Assert.Equal("users.json", OptionsParser.Parse(["mixed", "--target", "http://localhost:1"]).Options!.UsersPath);
        Assert.Null(OptionsParser.Parse(["attack", "--target", "http://localhost:1"]).Options!.UsersPath);
    }

    [Fact]
    public void Attack_and_phone_options_are_read()
    {
        var o = OptionsParser.Parse(
        [
            "attack", "-t", "http://[::1]:9", "--threshold", "3", "--extra-attempts", "2", "--unknown", "4", "--usernames", "ada, grace",
            "--allow-remote", "-c", "2", "-n", "6", "--phone-area-codes", "202,212", "--phone-exchange", "555", "--phone-lines", "0100-0109",
            "--phone-offset", "5", "--mix", "signin=90,wrong-code=10", "--app-route", "phone", "--username-prefix", "batch2", "--overwrite-users",
        ]).Options!;

        Assert.Equal(3, o.LockoutThreshold);
        Assert.Equal(2, o.AttemptsAfterLock);
        Assert.Equal(4, o.UnknownUsernames);
        Assert.Equal(["ada", "grace"], o.Usernames);
        Assert.True(o.AllowRemote);
        Assert.Equal(2, o.Concurrency);
        Assert.Equal(6, o.Requests);
        Assert.Equal([202, 212], o.Phones.AreaCodes);
        Assert.Equal(100, o.Phones.FirstLine);
        Assert.Equal(109, o.Phones.LastLine);
        Assert.Equal(5, o.Phones.Offset);
        Assert.Equal(0.9, o.Mix.Shares[MixOperation.SignIn], 6);
        Assert.Equal(AppEnrolmentRoute.Phone, o.AppRoute);
        Assert.Equal("batch2", o.UsernamePrefix);
        Assert.True(o.OverwriteUsers);
    }

    [Theory]
    [InlineData("Name a scenario", "--target", "http://localhost")]
    [InlineData("Unknown scenario", "stress", "--target", "http://localhost")]
    [InlineData("Unknown option", "signin", "--targte", "http://localhost")]
    [InlineData("needs a value", "signin", "--target")]
    [InlineData("duration", "signin", "--duration", "soon")]
    [InlineData("whole number", "signin", "--concurrency", "0")]
    [InlineData("number above 0", "signin", "--rate", "-5")]
    [InlineData("sms or app", "signin", "--method", "voice")]
    [InlineData("absolute URL", "signin", "--target", "127.0.0.1:5080")]
    [InlineData("FIRST-LAST", "signup", "--phone-lines", "0100")]
    [InlineData("phone-lines", "signup", "--phone-lines", "0199-0100")]
    [InlineData("NAME=SHARE", "mixed", "--mix", "browse=10")]
    [InlineData("already", "signin", "signup")]
    public void Bad_command_lines_are_refused_with_a_reason(string expected, params string[] args)
    {
        var result = OptionsParser.Parse(args);

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_is_a_request_not_an_error()
    {
        var result = OptionsParser.Parse(["signin", "--help"]);

        Assert.True(result.HelpRequested);
        Assert.Null(result.Error);
        Assert.Contains("--concurrency", Usage.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("30s", 30)]
    [InlineData("1.5s", 1.5)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("45", 45)]
    [InlineData(" 2M ", 120)]
    public void Durations_read_as_people_write_them(string text, double seconds)
    {
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("-1s")]
    [InlineData("ten seconds")]
    [InlineData("1d")]
    public void Nonsense_durations_are_refused(string text)
    {
        Assert.False(DurationText.TryParse(text, out _));
    }

    [Fact]
    public void Runner_validation_refuses_unbounded_or_meaningless_settings()
    {
        var options = new LoadTestOptions { Scenario = ScenarioKind.SignIn, Target = new Uri("http://127.0.0.1:1"), Duration = TimeSpan.FromDays(2) };

        var refusal = Assert.Throws<LoadTestConfigurationException>(() => LoadTestRunner.Validate(options));

        Assert.Contains("--duration", refusal.Message, StringComparison.Ordinal);
    }
}
