using SecureAccess.Client;
using SecureAccess.LoadTest.Flows;
using SecureAccess.LoadTest.Load;
using SecureAccess.LoadTest.Reporting;

namespace SecureAccess.LoadTest.Scenarios;

/// `baseline`: the same driver against <see cref="BareEndpoint"/>, so the service's non-hash
/// request rates (code checks, account reads, lockouts) can be read against what a do-nothing
/// endpoint manages on the same machine with the same load generator beside it.
internal sealed class BaselineScenario(RunServices services) : IScenario
{
    private static readonly UsernamePasswordRequest Request = new() { Username = "baseline", Password = "not-a-real-password" };

    public string ExhaustedReason => "";

    public async Task<IterationOutcome> RunOnceAsync(IterationContext context)
    {
        context.Flow = "baseline";
        // The bare endpoint answers POST /api/v1/sessions too, so this is the generated client's sign-in call.
        await context.CallAsync("baseline.request",
            ct => services.Api.SignInAsync(Request, ct),
            Expect.Status(200)).ConfigureAwait(false);
        return IterationOutcome.Completed;
    }

    public Task CompleteAsync(RunReport report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        report.Notes.Add("Baseline: a bare in-process Kestrel endpoint; compare its rate with the service's non-hash steps.");
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
