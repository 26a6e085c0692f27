using SecureAccess.Messaging;

namespace SecureAccess.Messaging;

/// The port to email, SMS and postal mail. `Code` is the one-time value the message carries, kept
/// apart so the development outbox can show it; real senders put only `Body` on the wire.
public sealed record OutgoingMessage(string Channel, string To, string Subject, string Body, string Code)
{
    public override string ToString() => $"OutgoingMessage {{ Channel = {Channel}, Subject = {Subject} }}";
}

public interface IMessageSender
{
    Task Send(OutgoingMessage message);
}
