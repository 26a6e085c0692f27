using Microsoft.Extensions.Options;

namespace SecureAccess.Throttling;

/// Messages to one recipient (issue 11), one activation per address or number in the cluster.
public sealed class RecipientLimitGrain(IOptions<RecipientLimitOptions> options, TimeProvider clock) : Grain, IRecipientLimitGrain
{
    private readonly FixedWindow _window = new();

    public Task<bool> Admit()
    {
        var limit = options.Value.Messages;
        var now = clock.GetUtcNow();
        if (_window.Full(limit, now) is not null) return Task.FromResult(false);
        _window.Add(limit, now);
        return Task.FromResult(true);
    }
}
