using System.Text.Json.Serialization;
using SecureAccess.LoadTest.Data;
using SecureAccess.LoadTest.Measurement;

namespace SecureAccess.LoadTest.Reporting;

/// Everything a run found; what `--out` writes and what a test asserts on.
public sealed class RunReport
{
    public string Scenario { get; init; } = "";

    public string Target { get; init; } = "";

    /// `closed` (fixed concurrency) or `open` (fixed arrival rate).
    public string Mode { get; init; } = "";

    public int? Concurrency { get; init; }

    public double? Rate { get; init; }

    public int Seed { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public double WarmupSeconds { get; init; }

    public double MeasuredSeconds { get; init; }

    public string StopReason { get; init; } = "";

    /// Measured iterations that ended normally.
    public long Iterations { get; init; }

    /// Iterations (warmup included) that ended on an unexpected outcome.
    public long IterationsFailed { get; init; }

    /// Iterations still running at the end of the drain period, abandoned without verdict.
    public long IterationsCancelled { get; init; }

    /// Answers nothing in the scenario expected, warmup included. Deliberate failures are not here.
    public long UnexpectedErrors { get; init; }

    public IReadOnlyList<string> ErrorSamples { get; init; } = [];

    public IReadOnlyList<StepReport> Steps { get; init; } = [];

    public IReadOnlyList<TimelinePoint> Timeline { get; init; } = [];

    public AttackReport? Attack { get; set; }

    /// CPU used over the measured window (server with `--server-pid`, and the load generator).
    public CpuReport? Cpu { get; set; }

    public int UsersCreated { get; set; }

    /// Every user the run knows at its end (given and created, with the TOTP steps it used), so a
    /// test can sign them in next; not written to `--out` (it holds passwords).
    [JsonIgnore]
    public IReadOnlyList<UserAccount> Users { get; set; } = [];

    /// The registered users, for a test to sign them in next; not written to `--out` (it holds passwords).
    [JsonIgnore]
    public IReadOnlyList<UserAccount> CreatedUsers { get; set; } = [];

    public List<string> Notes { get; } = [];

    /// 0 when something was measured, nothing unexpected happened and every lockout held; 1 otherwise.
    public int ExitCode =>
        UnexpectedErrors > 0 || Attack is { Violations: > 0 } || Attack is { Inconclusive: > 0 } || Iterations == 0 ? 1 : 0;

    public bool Passed => ExitCode == 0;

    public StepReport? Step(string name) => Steps.FirstOrDefault(s => s.Name == name);
}

/// One step: a request (`signin.password`) or a whole flow (`signin`), measured iterations only.
public sealed record StepReport(
    string Name,
    StepKind Kind,
    long Count,
    long Unexpected,
    double ThroughputPerSecond,
    LatencySummary LatencyMs,
    IReadOnlyDictionary<string, long> Statuses,
    IReadOnlyDictionary<string, long> Codes,
    IReadOnlyList<PercentilePoint> PercentileCurve);

public sealed record AttackReport(
    int Threshold,
    int Targets,
    int Locked,
    int Violations,
    int Inconclusive,
    IReadOnlyList<AttackTargetReport> Results,
    int Throttled = 0);

/// One attacked username: when its lock engaged and whether the answers kept to SA-10. Kind is
/// `user` (from the users file, password known), `named` (--usernames) or `unknown` (generated).
/// Throttled: the server refused the sequence with 429 before any lock (issue 11's per-source damper:
/// one source may fail only so many distinct usernames), so the username was spared, not judged.
public sealed record AttackTargetReport(
    string Username,
    string Kind,
    int? LockedAtAttempt,
    DateTimeOffset? LockedAt,
    string? LockedUntil,
    IReadOnlyList<LockoutAttemptRecord> Attempts,
    IReadOnlyList<string> Violations,
    string? Inconclusive,
    bool Throttled = false);

public sealed record LockoutAttemptRecord(int Number, bool RightPassword, int Status, string? Code);
