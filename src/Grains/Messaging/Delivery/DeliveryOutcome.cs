namespace SecureAccess.Messaging.Delivery;

public enum DeliveryResult
{
    /// The provider took the message.
    Delivered,

    /// Worth another try later: a timeout, a refused connection, a 5xx/429, an open circuit.
    Transient,

    /// Retrying cannot help: an invalid number or address, an authentication failure (Twilio 4xx, SMTP 5xx).
    Permanent,
}

/// What one attempt came to. `Reason` names status codes and provider error numbers only: never the
/// body, the recipient's code, or the provider's own text (which may quote the recipient).
public sealed record DeliveryOutcome(DeliveryResult Result, string Reason)
{
    public static readonly DeliveryOutcome Delivered = new(DeliveryResult.Delivered, "accepted");
    public static DeliveryOutcome Transient(string reason) => new(DeliveryResult.Transient, reason);
    public static DeliveryOutcome Permanent(string reason) => new(DeliveryResult.Permanent, reason);
}

/// One provider of one channel.
public interface IMessageTransport
{
    Task<DeliveryOutcome> Send(OutgoingMessage message, CancellationToken cancellationToken);
}
