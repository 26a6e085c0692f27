using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureAccess.Common;

namespace SecureAccess.Throttling;

/// One source's counters (issue 11). One activation in the cluster, so the limits are exact across
/// gateways and silos. Windows are judged by timestamps from the `TimeProvider`, never by timers.
/// The counters live in memory: a lost activation forgets at most one window's worth for one
/// source (docs/decisions.md), and no row is written for anonymous traffic.
public sealed partial class SourceLimitGrain(IOptions<SourceLimitOptions> options, TimeProvider clock, ILogger<SourceLimitGrain> logger)
    : Grain, ISourceLimitGrain
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// Usernames this source failed on (or holds an attempt in flight for), with the first failure's time.
    private readonly Dictionary<string, DateTimeOffset> _failedUsernames = new(StringComparer.Ordinal);
    private DateTimeOffset _signInWindowStart = DateTimeOffset.MinValue;
    private int _signInAttempts;
    private readonly Dictionary<SourceLimit, FixedWindow> _windows = [];

    private string Source => this.GetPrimaryKeyString();

    public Task<Result<bool>> AdmitSignIn(string username)
    {
        var limits = options.Value;
        var now = clock.GetUtcNow();

        if (now - _signInWindowStart >= limits.SignInWindow)
        {
            _signInWindowStart = now;
            _signInAttempts = 0;
        }
        if (_signInAttempts >= limits.SignInAttempts)
            return Refuse("sign-in-attempts", $"Too many sign-in attempts from your network; wait before trying again.",
                _signInWindowStart + limits.SignInWindow - now);
        _signInAttempts++;

        foreach (var old in _failedUsernames.Where(e => now - e.Value >= Day).Select(e => e.Key).ToList())
            _failedUsernames.Remove(old);
        if (_failedUsernames.ContainsKey(username)) return Task.FromResult<Result<bool>>(false);

        // Sliding windows: the refusal lasts until the oldest failure inside the full window leaves it.
        var lastHour = _failedUsernames.Values.Where(at => now - at < Hour).Order().ToList();
        if (lastHour.Count >= limits.FailedUsernamesPerHour)
            return Refuse("failed-usernames-hour", "Too many failed sign-ins from your network; wait before trying again.",
                lastHour[^limits.FailedUsernamesPerHour] + Hour - now);
        if (_failedUsernames.Count >= limits.FailedUsernamesPerDay)
        {
            var inDay = _failedUsernames.Values.Order().ToList();
            return Refuse("failed-usernames-day", "Too many failed sign-ins from your network; wait before trying again.",
                inDay[^limits.FailedUsernamesPerDay] + Day - now);
        }

        _failedUsernames[username] = now; // reserved now, so parallel attempts on many names cannot overshoot
        return Task.FromResult<Result<bool>>(true);
    }

    public Task Release(string username)
    {
        _failedUsernames.Remove(username);
        return Task.CompletedTask;
    }

    public Task<Result<Done>> Admit(SourceLimit limit) => Judge(limit, count: true);

    public Task<Result<Done>> Check(SourceLimit limit) => Judge(limit, count: false);

    public Task Record(SourceLimit limit)
    {
        Window(limit).Add(options.Value.For(limit), clock.GetUtcNow());
        return Task.CompletedTask;
    }

    private Task<Result<Done>> Judge(SourceLimit limit, bool count)
    {
        var window = Window(limit);
        var size = options.Value.For(limit);
        var now = clock.GetUtcNow();
        if (window.Full(size, now) is { } wait)
        {
            ThrottleMetrics.Refuse(LimitName(limit));
            LogRefused(logger, Source, LimitName(limit));
            return Task.FromResult<Result<Done>>(Failure.Throttled("Too many requests of this kind from your network; wait before trying again.", wait));
        }
        if (count) window.Add(size, now);
        return Task.FromResult<Result<Done>>(Done.Instance);
    }

    private FixedWindow Window(SourceLimit limit)
    {
        if (!_windows.TryGetValue(limit, out var window)) _windows[limit] = window = new FixedWindow();
        return window;
    }

    private static string LimitName(SourceLimit limit) => limit switch
    {
        SourceLimit.Registrations => "registrations",
        SourceLimit.PasswordRecoveries => "password-recoveries",
        SourceLimit.UsernameReminders => "username-reminders",
        SourceLimit.IdentityFailures => "identity-failures",
        SourceLimit.OperatorKeyFailures => "operator-key-failures",
        _ => limit.ToString(),
    };

    private Task<Result<bool>> Refuse(string limit, string detail, TimeSpan wait)
    {
        ThrottleMetrics.Refuse(limit);
        LogRefused(logger, Source, limit);
        return Task.FromResult<Result<bool>>(Failure.Throttled(detail, wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1)));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Source {Source} refused by limit {Limit}")]
    private static partial void LogRefused(ILogger logger, string source, string limit);
}
