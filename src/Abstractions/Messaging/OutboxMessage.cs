namespace SecureAccess.Messaging;

public static class Channels
{
    public const string Email = "email";
    public const string Sms = "sms";
    public const string Letter = "letter";
}

/// One message the development outbox kept (API.md "Development outbox").
[GenerateSerializer, Immutable]
public sealed record OutboxMessage(
    [property: Id(0)] string Channel,
    [property: Id(1)] string To,
    [property: Id(2)] string Subject,
    [property: Id(3)] string Body,
    [property: Id(4)] string Code,
    [property: Id(5)] DateTimeOffset SentAt)
{
    public override string ToString() => $"OutboxMessage {{ Channel = {Channel}, Subject = {Subject} }}";
}
