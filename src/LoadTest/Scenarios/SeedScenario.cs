using SecureAccess.LoadTest.Data;
using SecureAccess.LoadTest.Flows;

namespace SecureAccess.LoadTest.Scenarios;

/// `seed`: registers users in bulk for later sign-in runs. The same registration flow as `signup`,
/// run as a data-preparation job rather than a measurement: no warmup, a 10-minute cap instead of
/// a 30-second window, one registration per identity record until they run out (or `--count`),
/// a 429 answered by waiting Retry-After and retrying (up to 3 times), and the users file
/// rewritten every few seconds so an interrupted seed keeps what it made.
internal sealed class SeedScenario : SignUpScenario
{
    private static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource stopSaving = new();
    private readonly Task saving;

    public SeedScenario(RunServices services, SignUpFlow flow, IReadOnlyList<UserAccount> existingUsers)
        : base(services, flow, existingUsers)
    {
        saving = SaveRegularlyAsync(stopSaving.Token);
    }

    public override async ValueTask DisposeAsync()
    {
        await stopSaving.CancelAsync().ConfigureAwait(false);
        await saving.ConfigureAwait(false);
        stopSaving.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private async Task SaveRegularlyAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(SaveEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    await SaveAsync(ct).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    // A busy file is retried on the next tick; the final save reports its error.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The final save happens in CompleteAsync.
        }
    }
}
