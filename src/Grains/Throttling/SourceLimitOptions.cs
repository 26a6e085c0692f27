namespace SecureAccess.Throttling;

/// SA-10's damper (issue 11): what one source (an IPv4 address or an IPv6 /64) may try. Defaults and
/// why: docs/decisions.md "Issue 11".
public sealed class SourceLimitOptions
{
    public const string Section = "SecureAccess:SourceLimits";

    /// Password attempts (sign-in) per source per `SignInWindow`: well above a person or a small
    /// office behind one address, far below a script.
    public int SignInAttempts { get; set; } = 60;
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// Distinct usernames with a failed password from one source in the last hour, and in the last
    /// day. Past either, the source is refused BEFORE its attempt counts against the username, so one
    /// source can lock at most `FailedUsernamesPerDay` usernames a day.
    public int FailedUsernamesPerHour { get; set; } = 10;
    public int FailedUsernamesPerDay { get; set; } = 30;

    /// Registrations started per source: a family or an office registers a few a day, not hundreds.
    public WindowLimit Registrations { get; set; } = new(10, TimeSpan.FromHours(1));

    /// Password recoveries and username reminders per source (each may send a message; the
    /// recipient has its own limit, RecipientLimitOptions).
    public WindowLimit PasswordRecoveries { get; set; } = new(10, TimeSpan.FromHours(1));
    public WindowLimit UsernameReminders { get; set; } = new(10, TimeSpan.FromHours(1));

    /// Failed identity checks per source, across all its registrations (each registration allows
    /// only RegistrationOptions.MaxIdentityAttempts; this stops "one more registration, five more guesses").
    public WindowLimit IdentityFailures { get; set; } = new(10, TimeSpan.FromDays(1));

    /// Wrong X-Operator-Key values per source: an operator console mistypes once, a guesser never stops.
    public WindowLimit OperatorKeyFailures { get; set; } = new(10, TimeSpan.FromMinutes(15));

    public WindowLimit For(SourceLimit limit) => limit switch
    {
        SourceLimit.Registrations => Registrations,
        SourceLimit.PasswordRecoveries => PasswordRecoveries,
        SourceLimit.UsernameReminders => UsernameReminders,
        SourceLimit.IdentityFailures => IdentityFailures,
        SourceLimit.OperatorKeyFailures => OperatorKeyFailures,
        _ => throw new ArgumentOutOfRangeException(nameof(limit)),
    };
}

/// At most `Count` events per fixed `Window` (the window starts with its first event).
public sealed class WindowLimit
{
    public WindowLimit() { }
    public WindowLimit(int count, TimeSpan window) => (Count, Window) = (count, window);

    public int Count { get; set; }
    public TimeSpan Window { get; set; }
}
