namespace SecureAccess.Throttling;

/// A fixed-window counter judged by timestamps (never timers): the window opens with its first
/// event and holds `WindowLimit.Count` events until `WindowLimit.Window` has passed.
public sealed class FixedWindow
{
    private DateTimeOffset _start = DateTimeOffset.MinValue;
    private int _count;

    /// How long until there is room again, or null when there is room now.
    public TimeSpan? Full(WindowLimit limit, DateTimeOffset now)
    {
        if (now - _start >= limit.Window) return null;
        if (_count < limit.Count) return null;
        var wait = _start + limit.Window - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
    }

    public void Add(WindowLimit limit, DateTimeOffset now)
    {
        if (now - _start >= limit.Window)
        {
            _start = now;
            _count = 0;
        }
        _count++;
    }
}
