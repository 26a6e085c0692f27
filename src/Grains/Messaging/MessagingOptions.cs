namespace SecureAccess.Messaging;

public sealed class MessagingOptions
{
    public const string Section = "Messaging";
    public const string OutboxProvider = "outbox";

    /// `outbox` keeps every message in memory for development and tests (API.md "Development outbox").
    public string Provider { get; set; } = OutboxProvider;

    /// How many messages the outbox keeps per recipient.
    public int OutboxCapacityPerRecipient { get; set; } = 50;
}
