using System.Collections.Concurrent;
using SecureAccess.LoadTest.Data;
using SecureAccess.LoadTest.Flows;
using SecureAccess.LoadTest.Load;
using SecureAccess.LoadTest.Reporting;

namespace SecureAccess.LoadTest.Scenarios;

/// `account`: `GET /api/v1/account` with a bearer token. Before the run `--prepare N` users
/// (default 100, at most the users given) sign in fully (not measured); each measured iteration
/// then reads the account with one of their tokens, round-robin: token validation (ES256), the
/// session check in the user grain, and the account view.
internal sealed class AccountScenario(RunServices services, UserPool pool, IReadOnlyList<UserAccount> existingUsers) : IScenario, IPreparingScenario
{
    public const int DefaultPrepared = 100;

    private readonly SignInFlow flow = new(services);
    private readonly ConcurrentBag<string> tokenBag = [];
    private string[] tokens = [];
    private long next = -1;

    public string ExhaustedReason => "no user could sign in";

    public async Task PrepareAsync(Preparation preparation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(preparation);
        var count = Math.Min(services.Options.Prepare ?? DefaultPrepared, pool.Count);
        await preparation.RunAsync(count, services.Options.Concurrency, async (context, _) =>
        {
            var user = await pool.LeaseAsync(UserSelection.CanSignIn(services.Options.Method, services.Clock), UserSelection.LeaseLimit, ct).ConfigureAwait(false)
                       ?? throw context.Fail("prepare", "no user free to sign in");
            try
            {
                await flow.SignInAsync(context, user, "prepare").ConfigureAwait(false);
                tokenBag.Add(user.AccessToken!);
            }
            finally
            {
                pool.Release(user);
            }
        }, ct).ConfigureAwait(false);
        tokens = tokenBag.ToArray();
    }

    public async Task<IterationOutcome> RunOnceAsync(IterationContext context)
    {
        if (tokens.Length == 0)
        {
            return IterationOutcome.Exhausted;
        }

        var token = tokens[(int)(Interlocked.Increment(ref next) % tokens.Length)];
        context.Flow = "account";
        await context.CallAsync("account.read", ct => services.Api.WithAccessToken(token).GetAccountAsync(ct), Expect.Status(200)).ConfigureAwait(false);
        return IterationOutcome.Completed;
    }

    public async Task CompleteAsync(RunReport report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        report.Notes.Add($"{tokens.Length} users signed in before the run; their tokens read the account round-robin.");
        report.Users = UsersFile.Merge(existingUsers, pool.Accounts());
        if (services.Options.UsersPath is { } path && pool.AnyStateChanged())
        {
            // The TOTP steps the preparation used: the next sign-in run must not replay them.
            await UsersFile.WriteAsync(path, report.Users, ct).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
