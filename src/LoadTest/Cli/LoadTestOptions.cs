using SecureAccess.LoadTest.Data;
using SecureAccess.LoadTest.Scenarios;

namespace SecureAccess.LoadTest.Cli;

/// Everything a run needs. The command line fills it through <see cref="OptionsParser"/>; a test
/// builds it directly and may hand in a message handler (e.g. a WebApplicationFactory's), a clock,
/// and in-memory identities and users instead of files.
public sealed class LoadTestOptions
{
    public ScenarioKind Scenario { get; set; } = ScenarioKind.SignIn;

    /// Base address of the gateway. Ignored by `baseline`, which drives its own endpoint.
    public Uri? Target { get; set; }

    /// Traffic leaves loopback only when this is set (see <see cref="TargetGuard"/>).
    public bool AllowRemote { get; set; }

    /// Closed loop: this many iterations in flight, each starting when the previous one ends.
    public int Concurrency { get; set; } = 8;

    /// Open loop when set: iterations start at this many per second whatever the answers' speed.
    public double? Rate { get; set; }

    /// Open loop only: a cap on iterations in flight so a stalled server cannot exhaust memory.
    /// Latency still counts from each iteration's intended start while it waits for a slot.
    public int MaxInFlight { get; set; } = 1000;

    /// Measured time, after the warmup. Null means the scenario's default (<see cref="DefaultDuration"/>).
    public TimeSpan? Duration { get; set; }

    /// Null means the scenario's default (<see cref="DefaultWarmup"/>).
    public TimeSpan? Warmup { get; set; }

    /// Bound on measured iterations (one iteration is one flow: a sign-in, a registration, …).
    public long? Requests { get; set; }

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// How long the run waits for iterations still in flight at the end before cancelling them.
    public TimeSpan Drain { get; set; } = TimeSpan.FromSeconds(10);

    /// How long a flow polls the dev outbox for a message before it counts as an error.
    public TimeSpan OutboxTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public string? IdentitiesPath { get; set; }

    /// Output of `signup`/`seed` (merged with what the file already holds unless
    /// <see cref="OverwriteUsers"/>); input of `signin`, `mixed`, `attack`.
    public string? UsersPath { get; set; }

    public bool OverwriteUsers { get; set; }

    public string? OutPath { get; set; }

    public string? PlotPath { get; set; }

    /// Sign-up: the factor to enrol (default SMS). Sign-in and mixed: only users with this factor
    /// are used (default: every user, each with the method the server's challenge names).
    public SecondFactor? Method { get; set; }

    public AppEnrolmentRoute AppRoute { get; set; } = AppEnrolmentRoute.Letter;

    public PhoneNumberPlan Phones { get; set; } = PhoneNumberPlan.Default;

    public MixPlan Mix { get; set; } = MixPlan.Default;

    /// Seeds the mixed scenario's draws and generated names; null picks one at random (reported).
    public int? Seed { get; set; }

    /// SA-10: wrong attempts a username takes before it locks (the service's default is 5).
    public int LockoutThreshold { get; set; } = 5;

    /// Attack: wrong attempts sent after the expected lock, to check that it holds.
    public int AttemptsAfterLock { get; set; } = 3;

    /// Attack: usernames that no account has, generated; null means 10 when no other target is given.
    public int? UnknownUsernames { get; set; }

    /// Attack: explicit usernames (passwords unknown).
    public IReadOnlyList<string> Usernames { get; set; } = [];

    public string UsernamePrefix { get; set; } = "lt";

    /// Sign-in and mixed: a user is not signed in again within this time, e.g. to stay under a
    /// per-user SMS limit (SA-6).
    public TimeSpan UserCooldown { get; set; }

    /// verify: challenges to open before the run (default 1000); account: users to sign in before
    /// the run (default 100). Preparation is not measured.
    public int? Prepare { get; set; }

    /// The server's process id on this machine (`--server-pid`): its CPU time over the measured
    /// window goes into the report (Linux /proc), next to the load generator's own.
    public int? ServerPid { get; set; }

    /// Live progress line; null for none.
    public TextWriter? ProgressWriter { get; set; }

    /// True when <see cref="ProgressWriter"/> is a terminal: the line is redrawn in place.
    public bool ProgressInteractive { get; set; }

    /// Replaces the socket handler, e.g. with WebApplicationFactory's <c>Server.CreateHandler()</c>.
    /// Not disposed by the run.
    public HttpMessageHandler? Handler { get; set; }

    /// The clock TOTP codes and token lifetimes are read from; a test can share the server's fake one.
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// In-memory identity records; take precedence over <see cref="IdentitiesPath"/>.
    public IReadOnlyList<IdentityRecord>? Identities { get; set; }

    /// In-memory users; take precedence over reading <see cref="UsersPath"/>.
    public IReadOnlyList<UserAccount>? Users { get; set; }

    public TimeSpan DefaultWarmup => Scenario switch
    {
        // Data-bound scenarios: every iteration consumes a record or a username and must count.
        ScenarioKind.SignUp or ScenarioKind.Seed or ScenarioKind.Attack or ScenarioKind.Activate => TimeSpan.Zero,
        _ => TimeSpan.FromSeconds(5),
    };

    public TimeSpan EffectiveWarmup => Warmup ?? DefaultWarmup;

    /// `seed` is a data-preparation job bounded by its records: it gets a long cap, not a sample window.
    public TimeSpan DefaultDuration => Scenario == ScenarioKind.Seed ? TimeSpan.FromMinutes(10) : TimeSpan.FromSeconds(30);

    public TimeSpan EffectiveDuration => Duration ?? DefaultDuration;
}
