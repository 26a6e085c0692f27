using System.Collections.Concurrent;
using SecureAccess.LoadTest.Data;
using SecureAccess.LoadTest.Flows;
using SecureAccess.LoadTest.Load;
using SecureAccess.LoadTest.Reporting;

namespace SecureAccess.LoadTest.Scenarios;

/// `mixed`: each iteration draws one operation from the mix plan (by default ~72 % sign-in, 17 %
/// sign-up, 2 % wrong password, 2 % wrong code, the rest account reads). Deliberate failures are
/// expected answers, not errors, and are spread so that they never lock a user. New users join the
/// sign-in pool as they are created.
internal sealed class MixedScenario(RunServices services, UserPool pool, SignUpFlow? signUp, IReadOnlyList<UserAccount> existingUsers) : IScenario
{
    private readonly SignInFlow signIn = new(services);
    private readonly ConcurrentDictionary<MixOperation, long> drawn = new();
    private readonly ConcurrentDictionary<string, long> substituted = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<UserAccount> created = new();
    private volatile bool identitiesExhausted;

    public string ExhaustedReason => "no users to sign in and no identity records to register";

    public async Task<IterationOutcome> RunOnceAsync(IterationContext context)
    {
        var operation = services.Options.Mix.Draw(services.Random.NextDouble());
        drawn.AddOrUpdate(operation, 1, (_, n) => n + 1);
        var method = services.Options.Method;
        var threshold = services.Options.LockoutThreshold;

        switch (operation)
        {
            case MixOperation.SignUp:
                return await SignUpOrSignInAsync(context).ConfigureAwait(false);

            case MixOperation.WrongPassword:
                return await DeliberateFailureAsync(context, "wrong-password", UserSelection.CanFailDeliberately(null, threshold),
                    user => signIn.WrongPasswordAsync(context, user, "wrong-password")).ConfigureAwait(false);

            case MixOperation.WrongCode:
                return await DeliberateFailureAsync(context, "wrong-code", UserSelection.CanFailDeliberately(method, threshold),
                    user => signIn.WrongCodeAsync(context, user, "wrong-code")).ConfigureAwait(false);

            case MixOperation.AccountRead:
                var now = services.Clock.GetUtcNow();
                if (pool.TryLease(u => u.HasTokenValidAt(now)) is { } holder)
                {
                    context.Flow = "account";
                    try
                    {
                        await context.CallAsync("account.read", ct => services.Api.WithAccessToken(holder.AccessToken!).GetAccountAsync(ct), Expect.Status(200)).ConfigureAwait(false);
                    }
                    finally
                    {
                        pool.Release(holder);
                    }

                    return IterationOutcome.Completed;
                }

                // Nobody holds a token yet (the run just started): sign someone in instead.
                substituted.AddOrUpdate("account read → sign-in (no token yet)", 1, (_, n) => n + 1);
                return await SignInAsync(context).ConfigureAwait(false);

            default:
                return await SignInAsync(context).ConfigureAwait(false);
        }
    }

    private async Task<IterationOutcome> SignInAsync(IterationContext context)
    {
        if (pool.Count == 0)
        {
            substituted.AddOrUpdate("sign-in → sign-up (no users yet)", 1, (_, n) => n + 1);
            return identitiesExhausted || signUp is null ? IterationOutcome.Exhausted : await SignUpOrSignInAsync(context).ConfigureAwait(false);
        }

        return await WithUserAsync(context, "signin", UserSelection.CanSignIn(services.Options.Method, services.Clock),
            user => signIn.SignInAsync(context, user, "signin")).ConfigureAwait(false);
    }

    /// A deliberate failure needs a free user with failure headroom. When none is free right now
    /// (few users, all near the threshold or busy), it becomes a sign-in, which also restores the
    /// headroom: waiting would stall the run on the pool instead of measuring the server.
    private async Task<IterationOutcome> DeliberateFailureAsync(IterationContext context, string flow, Func<PooledUser, bool> eligible, Func<PooledUser, Task> action)
    {
        if (pool.TryLease(eligible) is not { } user)
        {
            substituted.AddOrUpdate($"{flow} → sign-in (no user with failure headroom free)", 1, (_, n) => n + 1);
            return await SignInAsync(context).ConfigureAwait(false);
        }

        context.Flow = flow;
        try
        {
            await action(user).ConfigureAwait(false);
        }
        finally
        {
            pool.Release(user);
        }

        return IterationOutcome.Completed;
    }

    private async Task<IterationOutcome> SignUpOrSignInAsync(IterationContext context)
    {
        if (signUp is not null && !identitiesExhausted)
        {
            var user = await signUp.RegisterAsync(context, "signup").ConfigureAwait(false);
            if (user is not null)
            {
                created.Enqueue(user);
                if (services.Options.Method is not { } m || user.CanUse(m))
                {
                    pool.Add(user);
                }

                return IterationOutcome.Completed;
            }

            identitiesExhausted = true;
        }

        substituted.AddOrUpdate("sign-up → sign-in (identity records used up)", 1, (_, n) => n + 1);
        return pool.Count == 0 ? IterationOutcome.Exhausted : await SignInAsync(context).ConfigureAwait(false);
    }

    private async Task<IterationOutcome> WithUserAsync(IterationContext context, string flow, Func<PooledUser, bool> eligible, Func<PooledUser, Task> action)
    {
        var user = await UserSelection.LeaseAsync(pool, eligible, context).ConfigureAwait(false);
        if (user is null)
        {
            return context.UntilDeadline <= TimeSpan.Zero
                ? IterationOutcome.Skipped
                : throw context.Fail(flow, $"no eligible user free within {UserSelection.LeaseLimit.TotalSeconds:0}s; give more users or less concurrency");
        }

        context.Flow = flow;
        try
        {
            await action(user).ConfigureAwait(false);
        }
        finally
        {
            pool.Release(user);
        }

        return IterationOutcome.Completed;
    }

    public async Task CompleteAsync(RunReport report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        var total = Math.Max(1, drawn.Values.Sum());
        report.Notes.Add("Mix drawn: " + string.Join(", ", drawn.OrderBy(d => d.Key)
            .Select(d => $"{d.Key} {d.Value} ({100.0 * d.Value / total:0.#}%)")) + $" of plan {services.Options.Mix}.");
        foreach (var (what, count) in substituted)
        {
            report.Notes.Add($"{count} × {what}.");
        }

        if (pool.Waits > 0)
        {
            report.Notes.Add($"Iterations waited {pool.Waits} times for a free user; more users would let the server, not the pool, set the rate.");
        }

        report.CreatedUsers = created.ToArray();
        report.UsersCreated = report.CreatedUsers.Count;
        report.Users = UsersFile.Merge(existingUsers, pool.Accounts().Concat(report.CreatedUsers));
        if (services.Options.UsersPath is { } path && (report.UsersCreated > 0 || pool.AnyStateChanged()))
        {
            await UsersFile.WriteAsync(path, report.Users, ct).ConfigureAwait(false);
            report.Notes.Add($"{path} updated: {report.UsersCreated} new users; TOTP steps used and failure counts kept for the next run.");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
