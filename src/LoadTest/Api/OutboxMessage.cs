namespace SecureAccess.LoadTest.Api;

/// One entry of `GET /api/v1/dev/outbox` (API.md, Development outbox).
public sealed record OutboxMessage(string Channel, string To, string? Code, string? SentAt, string? Body)
{
    public const string Email = "email";
    public const string Sms = "sms";
    public const string Letter = "letter";
}
