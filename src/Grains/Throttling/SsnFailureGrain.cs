using Microsoft.Extensions.Options;

namespace SecureAccess.Throttling;

/// One SSN's failed identity checks (issue 11), a sliding window of their times. In memory: the key
/// is an HMAC, and no row is written for anonymous traffic (docs/decisions.md).
public sealed class SsnFailureGrain(IOptions<RecipientLimitOptions> options, TimeProvider clock) : Grain, ISsnFailureGrain
{
    private readonly List<DateTimeOffset> _failures = [];

    public Task<bool> CoolingDown()
    {
        Prune();
        return Task.FromResult(_failures.Count >= options.Value.SsnFailures.Count);
    }

    public Task<bool> RecordFailure()
    {
        Prune();
        _failures.Add(clock.GetUtcNow());
        return Task.FromResult(_failures.Count == options.Value.SsnFailures.Count);
    }

    private void Prune()
    {
        var now = clock.GetUtcNow();
        _failures.RemoveAll(at => now - at >= options.Value.SsnFailures.Window);
    }
}
