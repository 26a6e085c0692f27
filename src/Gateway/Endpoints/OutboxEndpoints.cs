using SecureAccess.Gateway.Problems;
using SecureAccess.Messaging;

namespace SecureAccess.Gateway.Endpoints;

/// API.md "Development outbox": mapped only when the outbox provider is on.
public static class OutboxEndpoints
{
    public static void MapOutboxEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/dev/outbox", async (string? to, IClusterClient cluster) =>
        {
            if (string.IsNullOrWhiteSpace(to)) return ProblemResult.InvalidRequest("to", "Required: an email, E.164 number or username.");
            var messages = await cluster.GetGrain<IOutboxGrain>(OutboxMessageSender.OutboxKey(to)).List();
            return Results.Ok(messages.Select(m => new { channel = m.Channel, to = m.To, subject = m.Subject, body = m.Body, code = m.Code, sentAt = m.SentAt }));
        }).WithTags("Development");
    }
}
