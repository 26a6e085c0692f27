namespace SecureAccess.Throttling;

/// Issue 11: per-SSN and per-recipient limits (anonymous requests must not mail or text anyone without
/// limit, nor try one person's identity data without end). Defaults and why: docs/decisions.md.
public sealed class RecipientLimitOptions
{
    public const string Section = "SecureAccess:RecipientLimits";

    /// Messages to one email address or phone number per window; past it they are dropped silently
    /// (the answer does not change) and the drop is audited. Enough for a registration, a sign-in
    /// and a resend or two within the hour.
    public WindowLimit Messages { get; set; } = new(10, TimeSpan.FromHours(1));

    /// Failed identity checks of one SSN (all registrations); the SSN is then refused with the
    /// same 422 until the oldest of those failures is `SsnFailures.Window` old.
    public WindowLimit SsnFailures { get; set; } = new(5, TimeSpan.FromHours(24));
}
