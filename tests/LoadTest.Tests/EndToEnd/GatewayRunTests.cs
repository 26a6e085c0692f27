using SecureAccess.LoadTest.Cli;
using SecureAccess.LoadTest.Data;
using SecureAccess.LoadTest.Reporting;
using SecureAccess.LoadTest.Scenarios;

namespace SecureAccess.LoadTest.Tests.EndToEnd;

/// One short run of every scenario against the real gateway in-process: the tool and the service
/// must agree on API.md end to end. Bounded by iteration counts; no timing is asserted.
public class GatewayRunTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private LoadTestOptions Options(ScenarioKind scenario, int requests, int concurrency = 2) => new()
    {
        Scenario = scenario,
        Target = gateway.Factory.Server.BaseAddress,
        Handler = gateway.Factory.Server.CreateHandler(),
        Clock = gateway.Factory.Clock,
        Requests = requests,
        Concurrency = concurrency,
        Warmup = TimeSpan.Zero,
        Duration = TimeSpan.FromSeconds(30),
        Drain = TimeSpan.FromSeconds(5),
        Seed = 6,
    };

    private async Task<IReadOnlyList<UserAccount>> RegisterAsync(ScenarioKind kind, int from, int count, SecondFactor method = SecondFactor.Sms)
    {
        var options = Options(kind, requests: count);
        options.Identities = gateway.Identities(from, count);
        options.Method = method;
        var report = await LoadTestRunner.RunAsync(options);
        AssertClean(report);
        Assert.Equal(count, report.UsersCreated);
        return report.CreatedUsers;
    }

    [Fact]
    public async Task Signup_with_the_app_then_signin_with_locally_computed_codes()
    {
        var users = await RegisterAsync(ScenarioKind.SignUp, from: 0, count: 3, SecondFactor.App);
        Assert.All(users, u => Assert.False(string.IsNullOrEmpty(u.TotpSecret)));
        gateway.Factory.Clock.Advance(TimeSpan.FromSeconds(30)); // the enrolment spent the current TOTP step

        var options = Options(ScenarioKind.SignIn, requests: 3);
        options.Users = users;
        options.Method = SecondFactor.App;
        var report = await LoadTestRunner.RunAsync(options);

        AssertClean(report);
        Assert.Equal(3, report.Step("signin.verify")!.Statuses["200"]);
    }

    [Fact]
    public async Task Seed_sms_users_then_signin_with_codes_from_the_outbox()
    {
        var users = await RegisterAsync(ScenarioKind.Seed, from: 10, count: 3);

        var options = Options(ScenarioKind.SignIn, requests: 6);
        options.Users = users;
        options.Method = SecondFactor.Sms;
        var report = await LoadTestRunner.RunAsync(options);

        AssertClean(report);
        Assert.Equal(6, report.Step("signin.verify")!.Statuses["200"]);
        Assert.True(report.Step("signin.outbox")!.Count >= 6);
    }

    [Fact]
    public async Task Mixed_signs_up_signs_in_and_fails_on_purpose_without_unexpected_answers()
    {
        var options = Options(ScenarioKind.Mixed, requests: 16);
        options.Identities = gateway.Identities(20, 10);
        options.Mix = MixPlan.Parse("signin=50,signup=30,wrong-password=10,wrong-code=10");

        var report = await LoadTestRunner.RunAsync(options);

        AssertClean(report);
        Assert.True(report.UsersCreated > 0);
    }

    [Fact] // SA-10, SA-11
    public async Task Attack_sees_every_lock_engage_at_the_threshold_for_users_and_unknown_names()
    {
        var users = await RegisterAsync(ScenarioKind.Seed, from: 40, count: 2);
        var options = Options(ScenarioKind.Attack, requests: 5, concurrency: 3);
        options.Users = users;
        options.UnknownUsernames = 3;

        var report = await LoadTestRunner.RunAsync(options);

        AssertClean(report);
        var attack = report.Attack!;
        Assert.Equal(5, attack.Targets);
        Assert.Equal(5, attack.Locked);
        Assert.Equal(0, attack.Violations);
        Assert.Equal(0, attack.Inconclusive);
        Assert.All(attack.Results, r => Assert.Equal(options.LockoutThreshold + 1, r.LockedAtAttempt));
    }

    [Fact]
    public async Task Verify_answers_every_prepared_challenge_with_a_token()
    {
        var users = await RegisterAsync(ScenarioKind.Seed, from: 50, count: 3);
        var options = Options(ScenarioKind.Verify, requests: 6);
        options.Users = users;
        options.Prepare = 6;

        var report = await LoadTestRunner.RunAsync(options);

        AssertClean(report);
        Assert.Equal(6, report.Step("verify.code")!.Statuses["200"]);
    }

    [Fact] // SA-10
    public async Task Locked_usernames_answer_423_before_any_password_check()
    {
        var options = Options(ScenarioKind.Locked, requests: 12);
        options.UnknownUsernames = 3;

        var report = await LoadTestRunner.RunAsync(options);

        AssertClean(report);
        Assert.Equal(12, report.Step("locked.signin")!.Codes["account_locked"]);
    }

    [Fact]
    public async Task Account_reads_with_the_tokens_of_signed_in_users()
    {
        var users = await RegisterAsync(ScenarioKind.Seed, from: 60, count: 2);
        var options = Options(ScenarioKind.Account, requests: 10);
        options.Users = users;
        options.Prepare = 2;

        var report = await LoadTestRunner.RunAsync(options);

        AssertClean(report);
        Assert.Equal(10, report.Step("account.read")!.Statuses["200"]);
    }

    [Fact] // SA-11
    public async Task Activate_tries_each_unknown_username_once_and_gets_invalid_credentials()
    {
        var report = await LoadTestRunner.RunAsync(Options(ScenarioKind.Activate, requests: 10));

        AssertClean(report);
        Assert.Equal(10, report.Step("activate.signin")!.Codes["invalid_credentials"]);
    }

    [Fact]
    public async Task Baseline_drives_its_own_bare_endpoint()
    {
        var options = Options(ScenarioKind.Baseline, requests: 50);
        options.Handler = null;
        options.Target = null;

        var report = await LoadTestRunner.RunAsync(options);

        AssertClean(report);
        Assert.Equal(50, report.Step("baseline.request")!.Statuses["200"]);
    }

    private static void AssertClean(RunReport report)
    {
        Assert.True(report.Passed, string.Join(Environment.NewLine, report.ErrorSamples.Concat(report.Notes).Append(report.StopReason)));
        Assert.Equal(0, report.UnexpectedErrors);
    }
}
