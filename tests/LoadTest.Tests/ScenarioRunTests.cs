using System.Text.Json;
using SecureAccess.LoadTest.Cli;
using SecureAccess.LoadTest.Data;
using SecureAccess.LoadTest.Measurement;
using SecureAccess.LoadTest.Reporting;
using SecureAccess.LoadTest.Tests.Fakes;

namespace SecureAccess.LoadTest.Tests;

/// Whole scenarios against an in-memory fake of API.md: the tool's own flows, counting and verdicts.
public class ScenarioRunTests
{
    [Fact]
    public async Task Signup_registers_one_user_per_identity_with_codes_read_from_the_outbox()
    {
        var server = new FakeServer(identities: 12);

        var report = await LoadTestRunner.RunAsync(server.Options(ScenarioKind.SignUp, requests: 100));

        Assert.True(report.Passed, Explain(report));
        Assert.Equal(12, report.UsersCreated);
        Assert.Equal("identity records used up", report.StopReason);
        Assert.Equal(12, report.Step("signup")!.Count);
        Assert.Equal(
            ["signup", "signup.start", "signup.outbox", "signup.email-confirm", "signup.identity", "signup.credentials", "signup.phone", "signup.phone-confirm"],
            report.Steps.Select(s => s.Name));
        Assert.Equal(new Dictionary<string, long> { ["202"] = 12 }, report.Step("signup.phone")!.Statuses);
        Assert.All(report.CreatedUsers, u =>
        {
            Assert.Equal(SecondFactor.Sms, u.Method);
            // SA-7: the number the identity record ties to the person (the fake refuses any other with 422).
            Assert.Equal(server.Identities.Single(r => r.Ssn == u.Ssn).MobilePhones![0], u.PhoneNumber);
        });
        Assert.Equal(12, report.CreatedUsers.Select(u => u.PhoneNumber).Distinct().Count());
        Assert.Equal(report.CreatedUsers.Select(u => u.Username).Order(), server.Api.Usernames.Order());
    }

    [Fact]
    public async Task Signed_up_sms_users_sign_in_with_the_newest_code_from_the_outbox()
    {
        var server = new FakeServer(identities: 6);
        var signUp = await LoadTestRunner.RunAsync(server.Options(ScenarioKind.SignUp, requests: 6));
        var options = server.Options(ScenarioKind.SignIn, requests: 30, concurrency: 3);
        options.Users = signUp.Users;

        var report = await LoadTestRunner.RunAsync(options);

        Assert.True(report.Passed, Explain(report));
        Assert.Equal(30, report.Step("signin")!.Count);
        Assert.Equal(30, report.Step("signin.verify")!.Statuses["200"]);
        Assert.True(report.Step("signin.outbox")!.Count >= 30);
    }

    [Fact] // SA-7, SA-8
    public async Task App_signup_goes_by_letter_then_enrols_the_authenticator_and_signs_in_with_local_TOTP()
    {
        var server = new FakeServer(identities: 4);
        var signUpOptions = server.Options(ScenarioKind.SignUp, requests: 4);
        signUpOptions.Method = SecondFactor.App;
        var signUp = await LoadTestRunner.RunAsync(signUpOptions);

        Assert.True(signUp.Passed, Explain(signUp));
        Assert.Contains(signUp.Steps, s => s.Name == "signup.letter-confirm");
        Assert.Contains(signUp.Steps, s => s.Name == "signup.authenticator-confirm");
        Assert.All(signUp.CreatedUsers, u =>
        {
            Assert.Equal(SecondFactor.App, u.Method);
            Assert.NotNull(u.TotpSecret);
            Assert.Null(u.PhoneNumber);
            Assert.NotNull(u.LastTotpStep);
        });

        server.NextTotpStep();
        var signInOptions = server.Options(ScenarioKind.SignIn, requests: 4, concurrency: 2);
        signInOptions.Users = signUp.Users;
        signInOptions.Method = SecondFactor.App;
        var signIn = await LoadTestRunner.RunAsync(signInOptions);

        Assert.True(signIn.Passed, Explain(signIn));
        Assert.Null(signIn.Step("signin.outbox"));
        Assert.Equal(4, signIn.Step("signin.verify")!.Statuses["200"]);
        // The steps the server accepted are remembered: the same step would be a replay.
        Assert.All(signIn.Users, u => Assert.Equal(signUp.CreatedUsers[0].LastTotpStep + 1, u.LastTotpStep));
    }

    [Fact]
    public async Task App_signup_by_phone_enrols_when_the_server_offers_choose_second_factor()
    {
        var server = new FakeServer(identities: 2);
        server.Api.OfferAppAfterPhone = true;
        var options = server.Options(ScenarioKind.SignUp, requests: 2);
        options.Method = SecondFactor.App;
        options.AppRoute = AppEnrolmentRoute.Phone;

        var report = await LoadTestRunner.RunAsync(options);

        Assert.True(report.Passed, Explain(report));
        Assert.All(report.CreatedUsers, u =>
        {
            Assert.NotNull(u.PhoneNumber);
            Assert.NotNull(u.TotpSecret);
        });
    }

    [Fact]
    public async Task Mixed_traffic_keeps_its_deliberate_failures_expected_and_never_locks_a_user()
    {
        var server = new FakeServer(identities: 120);
        var seed = await LoadTestRunner.RunAsync(server.Options(ScenarioKind.Seed, requests: 20));
        var options = server.Options(ScenarioKind.Mixed, requests: 300, concurrency: 4);
        options.Users = seed.Users;
        options.Mix = Scenarios.MixPlan.Parse("signin=60,signup=10,wrong-password=10,wrong-code=10");

        var report = await LoadTestRunner.RunAsync(options);

        Assert.True(report.Passed, Explain(report));
        Assert.Equal(0, report.UnexpectedErrors);
        Assert.All(report.Steps, s => Assert.Equal(0, s.Unexpected));
        Assert.Equal(report.Step("wrong-password")!.Count, report.Step("wrong-password.password")!.Codes["invalid_credentials"]);
        Assert.Equal(report.Step("wrong-code")!.Count, report.Step("wrong-code.verify")!.Codes["invalid_code"]);
        Assert.NotNull(report.Step("account"));
        Assert.True(report.UsersCreated > 0);
        Assert.All(server.Api.Usernames, u => Assert.False(server.Api.IsLocked(u), u));
        Assert.Contains(report.Notes, n => n.StartsWith("Mix drawn:", StringComparison.Ordinal));
    }

    [Fact] // SA-10
    public async Task Deliberate_failures_stop_short_of_the_lockout_even_across_runs()
    {
        var server = new FakeServer(identities: 1);
        var signUp = await LoadTestRunner.RunAsync(server.Options(ScenarioKind.SignUp, requests: 1));
        var first = server.Options(ScenarioKind.Mixed, requests: 3, concurrency: 1);
        first.Users = signUp.Users;
        first.Mix = Scenarios.MixPlan.Parse("wrong-password=100");

        var firstReport = await LoadTestRunner.RunAsync(first);
        var second = server.Options(ScenarioKind.Mixed, requests: 3, concurrency: 1);
        second.Users = firstReport.Users;
        second.Mix = first.Mix;
        var secondReport = await LoadTestRunner.RunAsync(second);

        Assert.True(firstReport.Passed, Explain(firstReport));
        Assert.Equal(3, Assert.Single(firstReport.Users).ConsecutiveFailures);
        // No headroom left: the second run's first draw becomes a sign-in, which restores it.
        Assert.True(secondReport.Passed, Explain(secondReport));
        Assert.Equal(1, secondReport.Step("signin")!.Count);
        Assert.Contains(secondReport.Notes, n => n.Contains("wrong-password → sign-in", StringComparison.Ordinal));
        Assert.Equal(2, Assert.Single(secondReport.Users).ConsecutiveFailures);
        Assert.False(server.Api.IsLocked(signUp.Users[0].Username));
    }

    [Fact] // SA-10, SA-11
    public async Task Attack_finds_every_lock_engaged_at_the_threshold_and_held_against_the_right_password()
    {
        var server = new FakeServer(identities: 3);
        var signUp = await LoadTestRunner.RunAsync(server.Options(ScenarioKind.SignUp, requests: 3));
        var options = server.Options(ScenarioKind.Attack, requests: 100, concurrency: 3);
        options.Users = signUp.Users;
        options.UnknownUsernames = 4;

        var report = await LoadTestRunner.RunAsync(options);

        Assert.True(report.Passed, Explain(report));
        var attack = report.Attack!;
        Assert.Equal(7, attack.Targets);
        Assert.Equal(7, attack.Locked);
        Assert.Equal(0, attack.Violations);
        Assert.All(attack.Results, r =>
        {
            Assert.Equal(6, r.LockedAtAttempt);
            Assert.NotNull(r.LockedUntil);
            Assert.NotNull(r.LockedAt);
        });
        Assert.All(attack.Results.Where(r => r.Kind == "user"), r => Assert.Equal((9, true, 423), (r.Attempts.Count, r.Attempts[^1].RightPassword, r.Attempts[^1].Status)));
        Assert.Equal(new Dictionary<string, long> { ["401"] = 15 }, report.Step("attack.user.before-lock")!.Statuses);
        Assert.Equal(new Dictionary<string, long> { ["423"] = 12 }, report.Step("attack.unknown.after-lock")!.Statuses);
    }

    [Fact] // SA-10
    public async Task Attack_reports_a_lock_that_engages_early_and_one_that_does_not_hold_and_fails_the_run()
    {
        var server = new FakeServer(identities: 2);
        var signUp = await LoadTestRunner.RunAsync(server.Options(ScenarioKind.SignUp, requests: 2));
        server.Api.LockAfter = 3;
        server.Api.LockIgnoresRightPassword = true;
        var options = server.Options(ScenarioKind.Attack, requests: 10, concurrency: 2);
        options.Users = signUp.Users;

        var report = await LoadTestRunner.RunAsync(options);

        Assert.False(report.Passed);
        Assert.Equal(1, report.ExitCode);
        Assert.All(report.Attack!.Results, r =>
        {
            Assert.Equal(4, r.LockedAtAttempt);
            Assert.Contains(r.Violations, v => v.Contains("locked at attempt 4 after 3 failures", StringComparison.Ordinal));
            Assert.Contains(r.Violations, v => v.Contains("(right password) answered 200", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task Unexpected_server_errors_are_counted_by_status_and_fail_the_run()
    {
        var server = new FakeServer(identities: 3);
        var signUp = await LoadTestRunner.RunAsync(server.Options(ScenarioKind.SignUp, requests: 3));
        server.Api.FailVerify = true;
        var options = server.Options(ScenarioKind.SignIn, requests: 6, concurrency: 1);
        options.Users = signUp.Users;

        var report = await LoadTestRunner.RunAsync(options);

        Assert.False(report.Passed);
        Assert.Equal(6, report.UnexpectedErrors);
        Assert.Equal(6, report.Step("signin.verify")!.Statuses["500"]);
        Assert.Equal(6, report.Step("signin.verify")!.Unexpected);
        Assert.Equal(6, report.Step("signin")!.Unexpected);
        Assert.Equal(0, report.Iterations);
        Assert.Contains(report.ErrorSamples, e => e.Contains("signin.verify: expected 200, got 500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_open_loop_starts_iterations_at_the_rate_until_the_bound()
    {
        var server = new FakeServer(identities: 4);
        var signUp = await LoadTestRunner.RunAsync(server.Options(ScenarioKind.SignUp, requests: 4));
        var options = server.Options(ScenarioKind.SignIn, requests: 40);
        options.Users = signUp.Users;
        options.Rate = 200;

        var report = await LoadTestRunner.RunAsync(options);

        Assert.True(report.Passed, Explain(report));
        Assert.Equal("open", report.Mode);
        Assert.Equal(40, report.Step("signin")!.Count);
        Assert.Equal("40 measured iterations done", report.StopReason);
    }

    [Fact]
    public async Task A_second_signup_batch_with_the_same_users_file_skips_used_identities_and_phones()
    {
        var directory = Directory.CreateTempSubdirectory("loadtest-");
        try
        {
            var server = new FakeServer(identities: 10);
            var usersPath = Path.Combine(directory.FullName, "users.json");
            var first = server.Options(ScenarioKind.SignUp, requests: 4);
            first.UsersPath = usersPath;
            first.Identities = server.Identities;
            await LoadTestRunner.RunAsync(first);

            var second = server.Options(ScenarioKind.SignUp, requests: 100);
            second.UsersPath = usersPath;
            var report = await LoadTestRunner.RunAsync(second);

            Assert.True(report.Passed, Explain(report));
            Assert.Equal(6, report.UsersCreated);
            var saved = await UsersFile.ReadAsync(usersPath, CancellationToken.None);
            Assert.Equal(10, saved.Count);
            Assert.Equal(10, saved.Select(u => u.Ssn).Distinct().Count());
            Assert.Equal(10, saved.Select(u => u.PhoneNumber).Distinct().Count());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Results_json_and_the_plot_are_written_when_asked()
    {
        var directory = Directory.CreateTempSubdirectory("loadtest-");
        try
        {
            var server = new FakeServer(identities: 5);
            var options = server.Options(ScenarioKind.SignUp, requests: 5);
            options.OutPath = Path.Combine(directory.FullName, "results.json");
            options.PlotPath = Path.Combine(directory.FullName, "latency.png");

            await LoadTestRunner.RunAsync(options);

            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(options.OutPath));
            var root = json.RootElement;
            Assert.Equal("signup", root.GetProperty("scenario").GetString());
            Assert.Equal("flow", root.GetProperty("steps")[0].GetProperty("kind").GetString());
            Assert.True(root.GetProperty("steps")[0].GetProperty("latencyMs").GetProperty("p99").GetDouble() >= 0);
            Assert.False(root.TryGetProperty("users", out _)); // passwords stay out of results
            var png = await File.ReadAllBytesAsync(options.PlotPath);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Signin_without_users_is_refused_before_any_request()
    {
        var server = new FakeServer();
        var options = server.Options(ScenarioKind.SignIn, requests: 1);
        options.Users = [new UserAccount { Username = "x", Password = "y", PhoneNumber = "+12025550100" }];
        options.Method = SecondFactor.App;

        var refusal = await Assert.ThrowsAsync<LoadTestConfigurationException>(() => LoadTestRunner.RunAsync(options));

        Assert.Contains("totpSecret", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Api.Requests);
    }

    [Fact]
    public async Task Baseline_drives_a_bare_in_process_endpoint_over_real_sockets()
    {
        var report = await LoadTestRunner.RunAsync(new LoadTestOptions
        {
            Scenario = ScenarioKind.Baseline,
            Requests = 200,
            Concurrency = 4,
            Warmup = TimeSpan.Zero,
        });

        Assert.True(report.Passed, Explain(report));
        Assert.StartsWith("http://127.0.0.1:", report.Target, StringComparison.Ordinal);
        Assert.Equal(200, report.Step("baseline.request")!.Statuses["200"]);
        Assert.Equal(StepKind.Flow, report.Step("baseline")!.Kind);
    }

    private static string Explain(RunReport report) =>
        string.Join(Environment.NewLine, report.ErrorSamples.Concat(report.Notes).Append(report.StopReason));
}
