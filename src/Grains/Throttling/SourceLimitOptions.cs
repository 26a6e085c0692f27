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
}
