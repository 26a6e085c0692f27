using System.Collections.Concurrent;
using System.Globalization;
using SecureAccess.Client;
using SecureAccess.LoadTest.Api;
using SecureAccess.LoadTest.Flows;
using SecureAccess.LoadTest.Load;
using SecureAccess.LoadTest.Reporting;

namespace SecureAccess.LoadTest.Scenarios;

/// A username the attack guesses passwords for; the password is known for users of the users file.
internal sealed record AttackTarget(string Username, string Kind, string? Password);

/// `attack`: for each target username, wrong passwords until past the lockout threshold, then the
/// right password when known; every answer is checked against SA-10 by <see cref="LockoutChecker"/>.
/// One iteration is one username's whole sequence (sequential, so the order is the server's order);
/// usernames run in parallel, all from this one client address, so the report shows how many usernames
/// one source could lock and how many the server refused with 429 first (issue 11). Locks last 24 h:
/// attack only users you can spare.
internal sealed class AttackScenario(RunServices services, IReadOnlyList<AttackTarget> targets) : IScenario
{
    private readonly ConcurrentQueue<AttackTarget> pending = new(targets);
    private readonly ConcurrentBag<AttackTargetReport> results = [];

    public string ExhaustedReason => "every target username attacked";

    public async Task<IterationOutcome> RunOnceAsync(IterationContext context)
    {
        if (!pending.TryDequeue(out var target))
        {
            return IterationOutcome.Exhausted;
        }

        context.Flow = "attack";
        var threshold = services.Options.LockoutThreshold;
        var wrongAttempts = threshold + Math.Max(1, services.Options.AttemptsAfterLock);
        var attempts = new List<LockoutAttempt>();
        DateTimeOffset? lockedAt = null;
        string? lockedUntil = null;

        for (var n = 1; n <= wrongAttempts + (target.Password is null ? 0 : 1); n++)
        {
            var right = n > wrongAttempts;
            var password = right ? target.Password! : string.Create(CultureInfo.InvariantCulture, $"Not-the-password-{n}-{target.Username}");
            var step = right ? $"attack.{target.Kind}.right-password"
                : n <= threshold ? $"attack.{target.Kind}.before-lock"
                : $"attack.{target.Kind}.after-lock";
            var answer = await context.CallAsync(step, ct => services.Api.SignInAsync(new UsernamePasswordRequest { Username = target.Username, Password = password }, ct), Expect.Anything).ConfigureAwait(false);
            attempts.Add(new LockoutAttempt(n, right, answer.Status, answer.Code, answer.LockedUntil is not null, answer.RetryAfter is not null));
            if (answer.Status == 423 && lockedAt is null)
            {
                lockedAt = services.Clock.GetUtcNow();
                lockedUntil = answer.LockedUntil;
            }

            if (answer.Status == 429)
            {
                break;
            }
        }

        var verdict = LockoutChecker.Check(threshold, attempts);
        // Issue 11: a 429 before any lock is the per-source damper sparing the username — what the
        // attack measures (locked vs refused), not an unobservable lock. A 429 after a lock is still
        // inconclusive for that lock's later answers.
        var throttled = verdict.LockedAtAttempt is null && attempts.Count > 0 && attempts[^1].Status == 429;
        results.Add(new AttackTargetReport(
            target.Username, target.Kind, verdict.LockedAtAttempt, lockedAt, lockedUntil,
            attempts.Select(a => new LockoutAttemptRecord(a.Number, a.RightPassword, a.Status, a.Code)).ToList(),
            verdict.Violations, throttled ? null : verdict.Inconclusive, throttled));
        return IterationOutcome.Completed;
    }

    public Task CompleteAsync(RunReport report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        var ordered = results.OrderBy(r => r.LockedAt ?? DateTimeOffset.MaxValue).ThenBy(r => r.Username, StringComparer.Ordinal).ToList();
        report.Attack = new AttackReport(
            services.Options.LockoutThreshold,
            ordered.Count,
            ordered.Count(r => r.LockedAtAttempt is not null),
            ordered.Sum(r => r.Violations.Count),
            ordered.Count(r => r.Inconclusive is not null),
            ordered,
            ordered.Count(r => r.Throttled));
        if (ordered.Count < targets.Count)
        {
            report.Notes.Add($"{targets.Count - ordered.Count} of {targets.Count} target usernames were not attacked before the run ended.");
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
