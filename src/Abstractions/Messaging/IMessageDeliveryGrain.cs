namespace SecureAccess.Messaging;

/// Delivers one email or SMS through the configured provider, retrying in the background until the
/// provider accepts it or `ExpiresAt` passes (issue 10: no code lost to a short outage). One grain per
/// message, keyed by a fresh Guid; its state is sealed at rest and cleared once the message is done.
public interface IMessageDeliveryGrain : IGrainWithGuidKey
{
    /// Returns once the message is stored and scheduled; the first attempt follows at once.
    Task Deliver(DeliveryRequest request);
}

/// What to deliver. `Body` holds the code: it crosses the cluster in memory only and is sealed before
/// it is stored. `AuditSubject` is whose audit trail records a permanent refusal (a username, or a
/// registration subject).
[GenerateSerializer, Immutable]
public sealed record DeliveryRequest(
    [property: Id(0)] string Channel,
    [property: Id(1)] string To,
    [property: Id(2)] string Subject,
    [property: Id(3)] string Body,
    [property: Id(4)] string? AuditSubject,
    [property: Id(5)] DateTimeOffset AcceptedAt,
    [property: Id(6)] DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"DeliveryRequest {{ Channel = {Channel}, ExpiresAt = {ExpiresAt:O} }}";
}
