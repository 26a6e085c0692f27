namespace SecureAccess.Messaging.Email;

/// `Messaging:Email` — how SA-3's confirmation codes, SA-13's temporary passwords, SA-14's username
/// reminders and notices reach a mailbox. Silo and gateway read the same keys.
public sealed class EmailOptions
{
    public const string Section = "Messaging:Email";

    /// `Smtp` or `Outbox` (default; Development only).
    public string Provider { get; set; } = MessagingProviders.Outbox;

    public SmtpOptions Smtp { get; set; } = new();

    public bool UsesOutbox => MessagingProviders.Is(Provider, MessagingProviders.Outbox);
}

/// `Messaging:Email:Smtp`. Username and Password are optional (a relay that trusts the network).
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    /// 587 suits StartTls, 465 SslOnConnect, 25 a relay.
    public int Port { get; set; } = 587;

    /// `None`, `StartTls` (default) or `SslOnConnect`.
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? Username { get; set; }
    public string? Password { get; set; }

    /// The From address, e.g. `Secure Access <no-reply@example.gov>`.
    public string From { get; set; } = "";

    /// One connection, authentication and send may take this long before the attempt counts as failed.
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}
