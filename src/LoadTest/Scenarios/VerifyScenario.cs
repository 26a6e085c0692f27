using System.Collections.Concurrent;
using SecureAccess.Client;
using SecureAccess.LoadTest.Data;
using SecureAccess.LoadTest.Flows;
using SecureAccess.LoadTest.Load;
using SecureAccess.LoadTest.Reporting;

namespace SecureAccess.LoadTest.Scenarios;

/// `verify`: the second step of sign-in alone. Before the run, `--prepare N` challenges are opened
/// (password step, SMS code read from the outbox: one password hash each, not measured); each
/// measured iteration then verifies one of them with its right code and must get a token. What it
/// measures is the non-hash part of a sign-in: challenge grain, user grain, state writes, the ES256
/// token. Each challenge verifies once, so the run stops when they are used up.
internal sealed class VerifyScenario(RunServices services, UserPool pool, IReadOnlyList<UserAccount> existingUsers) : IScenario, IPreparingScenario
{
    public const int DefaultPrepared = 1000;

    private readonly SignInFlow flow = new(services);
    private readonly ConcurrentQueue<(Guid ChallengeId, string Code)> challenges = new();
    private int prepared;

    public string ExhaustedReason => "prepared challenges used up";

    public async Task PrepareAsync(Preparation preparation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(preparation);
        var count = services.Options.Prepare ?? DefaultPrepared;
        var smsUsers = pool.Count;
        await preparation.RunAsync(count, Math.Min(services.Options.Concurrency, smsUsers), async (context, _) =>
        {
            var user = await pool.LeaseAsync(u => u.Account.CanUse(SecondFactor.Sms), UserSelection.LeaseLimit, ct).ConfigureAwait(false)
                       ?? throw context.Fail("prepare", "no SMS user free to open a challenge");
            try
            {
                challenges.Enqueue(await flow.PrepareSmsChallengeAsync(context, user, "prepare").ConfigureAwait(false));
            }
            finally
            {
                pool.Release(user);
            }
        }, ct).ConfigureAwait(false);
        prepared = challenges.Count;
    }

    public async Task<IterationOutcome> RunOnceAsync(IterationContext context)
    {
        if (!challenges.TryDequeue(out var challenge))
        {
            return IterationOutcome.Exhausted;
        }

        context.Flow = "verify";
        var answer = await context.CallAsync("verify.code", ct => services.Api.VerifySignInAsync(challenge.ChallengeId, new CodeRequest { Code = challenge.Code }, ct), Expect.Status(200)).ConfigureAwait(false);
        if (string.IsNullOrEmpty(answer.Body?.AccessToken))
        {
            throw context.Fail("verify.code", "200 without accessToken");
        }

        return IterationOutcome.Completed;
    }

    public Task CompleteAsync(RunReport report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        report.Notes.Add($"{prepared} challenges prepared for {pool.Count} SMS users; {challenges.Count} left unused. Each verify adds a session to its user's state, so give many users (sessions per user = challenges / users).");
        report.Users = UsersFile.Merge(existingUsers, pool.Accounts());
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
