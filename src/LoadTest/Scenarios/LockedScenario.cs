using System.Collections.Concurrent;
using System.Globalization;
using SecureAccess.Client;
using SecureAccess.LoadTest.Flows;
using SecureAccess.LoadTest.Load;
using SecureAccess.LoadTest.Reporting;

namespace SecureAccess.LoadTest.Scenarios;

/// `locked`: the locked-account reject (SA-10). Before the run every target username is locked
/// (`--threshold` wrong passwords answered 401, the next one 423; not measured; a name already
/// locked, say by an earlier run, is taken as it is); each measured
/// iteration then sends a wrong password to one of them, round-robin, and must get
/// `423 account_locked` — a path that answers before any password hash. Targets: `--usernames`, or
/// `--unknown N` generated names no account has (default 100; SA-11: they lock like real ones).
internal sealed class LockedScenario(RunServices services, IReadOnlyList<string> targets) : IScenario, IPreparingScenario
{
    public const int DefaultTargets = 100;

    private readonly ConcurrentBag<string> lockedBag = [];
    private string[] locked = [];
    private long next = -1;

    public string ExhaustedReason => "no username could be locked";

    public async Task PrepareAsync(Preparation preparation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(preparation);
        var threshold = services.Options.LockoutThreshold;
        await preparation.RunAsync(targets.Count, services.Options.Concurrency, async (context, index) =>
        {
            var username = targets[index];
            // A name an earlier run locked answers 423 at once (a second run over the same --usernames).
            for (var n = 1; n <= threshold; n++)
            {
                var password = string.Create(CultureInfo.InvariantCulture, $"Not-the-password-{n}-{username}");
                var answer = await context.CallAsync("prepare.wrong-password", ct => services.Api.SignInAsync(new UsernamePasswordRequest { Username = username, Password = password }, ct),
                    Expect.Problem(401, "invalid_credentials").Or(423, "account_locked")).ConfigureAwait(false);
                if (answer.Status == 423)
                {
                    lockedBag.Add(username);
                    return;
                }
            }

            await context.CallAsync("prepare.lock", ct => services.Api.SignInAsync(new UsernamePasswordRequest { Username = username, Password = "Not-the-password-locked" }, ct), Expect.Problem(423, "account_locked")).ConfigureAwait(false);
            lockedBag.Add(username);
        }, ct).ConfigureAwait(false);
        locked = lockedBag.Order(StringComparer.Ordinal).ToArray();
    }

    public async Task<IterationOutcome> RunOnceAsync(IterationContext context)
    {
        if (locked.Length == 0)
        {
            return IterationOutcome.Exhausted;
        }

        var username = locked[(int)(Interlocked.Increment(ref next) % locked.Length)];
        context.Flow = "locked";
        await context.CallAsync("locked.signin", ct => services.Api.SignInAsync(new UsernamePasswordRequest { Username = username, Password = "Not-the-password-locked" }, ct), Expect.Problem(423, "account_locked")).ConfigureAwait(false);
        return IterationOutcome.Completed;
    }

    public Task CompleteAsync(RunReport report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        report.Notes.Add($"{locked.Length} of {targets.Count} usernames locked before the run and hammered round-robin (they stay locked for the lockout period, SA-10: 24 h).");
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
