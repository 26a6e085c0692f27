using Microsoft.AspNetCore.Http.HttpResults;
using SecureAccess.Common;
using SecureAccess.Gateway.Problems;
using SecureAccess.Gateway.Responses;
using SecureAccess.Messaging;

namespace SecureAccess.Gateway.Endpoints;

/// API.md "Development outbox": mapped only when the outbox provider is on.
public static class OutboxEndpoints
{
    public static void MapOutboxEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/dev/outbox", async Task<Results<Ok<OutboxMessageResponse[]>, ProblemResult>> (string? to, IClusterClient cluster) =>
        {
            if (string.IsNullOrWhiteSpace(to)) return Failure.Invalid("to", "Required: an email, E.164 number or username.").ToProblem();
            var messages = await cluster.GetGrain<IOutboxGrain>(GrainKeys.Recipient(to)).List();
            return TypedResults.Ok(messages.Select(m => new OutboxMessageResponse(m.Channel, m.To, m.Subject, m.Body, m.Code, m.SentAt)).ToArray());
        }).WithTags("Development").WithName("ReadDevelopmentOutbox").WithSummary("Read the messages sent to a recipient (Development only)").Fails(ErrorCodes.InvalidRequest);
    }
}
