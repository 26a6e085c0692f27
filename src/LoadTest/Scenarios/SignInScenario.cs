using SecureAccess.LoadTest.Data;
using SecureAccess.LoadTest.Flows;
using SecureAccess.LoadTest.Load;
using SecureAccess.LoadTest.Reporting;

namespace SecureAccess.LoadTest.Scenarios;

/// `signin`: password then security code for users of the users file, each user used by one
/// iteration at a time.
internal sealed class SignInScenario(RunServices services, UserPool pool, IReadOnlyList<UserAccount> existingUsers) : IScenario
{
    private readonly SignInFlow flow = new(services);

    public string ExhaustedReason => "no users";

    public async Task<IterationOutcome> RunOnceAsync(IterationContext context)
    {
        var user = await UserSelection.LeaseAsync(pool, UserSelection.CanSignIn(services.Options.Method, services.Clock), context).ConfigureAwait(false);
        if (user is null)
        {
            return context.UntilDeadline <= TimeSpan.Zero
                ? IterationOutcome.Skipped
                : throw context.Fail("signin", $"no user free to sign in within {UserSelection.LeaseLimit.TotalSeconds:0}s; give more users or less concurrency");
        }

        context.Flow = "signin";
        try
        {
            await flow.SignInAsync(context, user, "signin").ConfigureAwait(false);
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
        if (pool.Waits > 0)
        {
            report.Notes.Add($"Iterations waited {pool.Waits} times for a free user: with few users (or app users, one sign-in per 30 s step) the pool, not the server, limits the rate.");
        }

        report.Users = UsersFile.Merge(existingUsers, pool.Accounts());
        if (services.Options.UsersPath is { } path && pool.AnyStateChanged())
        {
            // The server refuses a TOTP step it accepted before, and counts failures toward the
            // lockout: the next run must know both.
            await UsersFile.WriteAsync(path, report.Users, ct).ConfigureAwait(false);
            report.Notes.Add($"{path} updated with the TOTP steps used and failure counts.");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
