using SecureAccess.LoadTest.Reporting;

namespace SecureAccess.LoadTest.Load;

/// One kind of traffic. The driver decides when iterations start; the scenario decides what one
/// iteration does.
internal interface IScenario : IAsyncDisposable
{
    /// Why <see cref="IterationOutcome.Exhausted"/> was returned, for the report.
    string ExhaustedReason { get; }

    Task<IterationOutcome> RunOnceAsync(IterationContext context);

    /// Adds what only this scenario knows (users created, lockout verdicts) and writes its files.
    Task CompleteAsync(RunReport report, CancellationToken ct);
}
