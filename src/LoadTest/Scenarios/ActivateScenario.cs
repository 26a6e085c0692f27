using SecureAccess.Client;
using SecureAccess.LoadTest.Flows;
using SecureAccess.LoadTest.Load;
using SecureAccess.LoadTest.Reporting;

namespace SecureAccess.LoadTest.Scenarios;

/// `activate`: one wrong-password sign-in for each of `--count N` new usernames that no account
/// has, to put N user grains in memory (a memory-at-scale measurement). Each attempt costs the
/// server a dummy password verification (SA-11) and a write of the failure counter; the answer
/// must be `401 invalid_credentials`. Nobody gets near the lockout: one attempt per name.
internal sealed class ActivateScenario(RunServices services) : IScenario
{
    private const string Password = "Not-the-password-activate";
    private long attempted;

    public string ExhaustedReason => "";

    public async Task<IterationOutcome> RunOnceAsync(IterationContext context)
    {
        var username = services.Names.UnknownUsername();
        context.Flow = "activate";
        Interlocked.Increment(ref attempted);
        await context.CallAsync("activate.signin", ct => services.Api.SignInAsync(new UsernamePasswordRequest { Username = username, Password = Password }, ct), Expect.Problem(401, "invalid_credentials")).ConfigureAwait(false);
        return IterationOutcome.Completed;
    }

    public Task CompleteAsync(RunReport report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        report.Notes.Add($"{Interlocked.Read(ref attempted)} distinct unknown usernames tried once each (prefix {services.Names.Prefix}{services.Names.RunTag}nobody…): as many user grains activated.");
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
