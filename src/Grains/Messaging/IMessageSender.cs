using SecureAccess.Messaging;

namespace SecureAccess.Messaging;

/// The port to email, SMS and postal mail. `Code` is the one-time value the message carries, kept
/// apart so the development outbox can show it; real senders put only `Body` on the wire.
public sealed record OutgoingMessage(string Channel, string To, string Subject, string Body, string Code)
{
    /// How long the code in it works: a delivery is retried no longer than this (default
    /// `Messaging:Delivery:DefaultLifetime` for messages without a code).
    public TimeSpan? ValidFor { get; init; }

    /// Whose audit trail records a permanent refusal by the provider: a username or a registration subject.
    public string? AuditSubject { get; init; }

    public override string ToString() => $"OutgoingMessage {{ Channel = {Channel}, Subject = {Subject} }}";
}

public interface IMessageSender
{
    Task Send(OutgoingMessage message);
}
