namespace SecureAccess.Messaging;

/// `Messaging`: settings shared by both channels.
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// How many messages the development outbox keeps per recipient.
    public int OutboxCapacityPerRecipient { get; set; } = 50;
}

/// The two providers a channel may name; `Outbox` is for Development only (issue 10).
public static class MessagingProviders
{
    public const string Outbox = "Outbox";
    public const string Smtp = "Smtp";
    public const string Twilio = "Twilio";

    public static bool Is(string? configured, string provider) =>
        string.Equals(configured?.Trim(), provider, StringComparison.OrdinalIgnoreCase);
}
