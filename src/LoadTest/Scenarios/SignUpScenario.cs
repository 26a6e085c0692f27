using System.Collections.Concurrent;
using SecureAccess.LoadTest.Data;
using SecureAccess.LoadTest.Flows;
using SecureAccess.LoadTest.Load;
using SecureAccess.LoadTest.Reporting;

namespace SecureAccess.LoadTest.Scenarios;

/// `signup`: one full registration per iteration, until the identity records, the time or the
/// iteration bound run out. Created users go to the users file.
internal class SignUpScenario(RunServices services, SignUpFlow flow, IReadOnlyList<UserAccount> existingUsers) : IScenario
{
    private readonly ConcurrentQueue<UserAccount> created = new();
    private readonly SemaphoreSlim writing = new(1, 1);

    public string ExhaustedReason => "identity records used up";

    protected RunServices Services => services;

    public async Task<IterationOutcome> RunOnceAsync(IterationContext context)
    {
        var user = await flow.RegisterAsync(context, "signup").ConfigureAwait(false);
        if (user is null)
        {
            return IterationOutcome.Exhausted;
        }

        created.Enqueue(user);
        return IterationOutcome.Completed;
    }

    public async Task CompleteAsync(RunReport report, CancellationToken ct)
    {
        report.CreatedUsers = created.ToArray();
        report.UsersCreated = report.CreatedUsers.Count;
        report.Users = existingUsers.Concat(report.CreatedUsers).ToList();
        if (services.Options.UsersPath is { } path)
        {
            await SaveAsync(ct).ConfigureAwait(false);
            report.Notes.Add($"{report.UsersCreated} users written to {path} ({existingUsers.Count + report.UsersCreated} in the file).");
        }
    }

    /// Writes the earlier users plus everyone created so far.
    protected async Task SaveAsync(CancellationToken ct)
    {
        if (services.Options.UsersPath is not { } path)
        {
            return;
        }

        await writing.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await UsersFile.WriteAsync(path, existingUsers.Concat(created), ct).ConfigureAwait(false);
        }
        finally
        {
            writing.Release();
        }
    }

    public virtual ValueTask DisposeAsync()
    {
        writing.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
