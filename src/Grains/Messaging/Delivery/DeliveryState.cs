namespace SecureAccess.Messaging.Delivery;

/// A message not yet delivered. Recipient, subject and body (with its code) are sealed together under
/// `SecureAccess:Keys:EncryptionKey`; the state is cleared once the message is delivered, refused or expired.
[GenerateSerializer]
public sealed class DeliveryState
{
    [Id(0)] public string Channel { get; set; } = "";
    [Id(1)] public string SealedMessage { get; set; } = "";
    [Id(2)] public string? AuditSubject { get; set; }
    [Id(3)] public DateTimeOffset AcceptedAt { get; set; }
    [Id(4)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(5)] public int Attempts { get; set; }
}
