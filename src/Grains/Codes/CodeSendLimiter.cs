using Microsoft.Extensions.Options;

namespace SecureAccess.Codes;

/// SA-6: at most N resends a minute and M an hour. Works on the list of send times a grain keeps.
public sealed class CodeSendLimiter(IOptions<CodeSendOptions> options, TimeProvider clock)
{
    /// How long until another send is allowed, or null when it is allowed now (and then it is recorded).
    public TimeSpan? TryRecord(List<DateTimeOffset> sends)
    {
        var now = clock.GetUtcNow();
        sends.RemoveAll(t => t <= now - TimeSpan.FromHours(1));
        var wait = Wait(sends, now, TimeSpan.FromMinutes(1), options.Value.PerMinute) ?? Wait(sends, now, TimeSpan.FromHours(1), options.Value.PerHour);
        if (wait is null) sends.Add(now);
        return wait;
    }

    private static TimeSpan? Wait(List<DateTimeOffset> sends, DateTimeOffset now, TimeSpan window, int limit)
    {
        var inWindow = sends.Where(t => t > now - window).Order().ToList();
        return inWindow.Count < limit ? null : inWindow[^limit] + window - now;
    }
}
