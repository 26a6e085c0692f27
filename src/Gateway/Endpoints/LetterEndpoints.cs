using SecureAccess.Gateway.Operators;
using SecureAccess.Gateway.Problems;
using SecureAccess.Letters;

namespace SecureAccess.Gateway.Endpoints;

/// API.md "Help desk and operators": the print batch of activation letters (SA-7).
public static class LetterEndpoints
{
    public static void MapLetterEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin/letters").WithTags("Operators");

        group.MapGet("/", async (string? status, IClusterClient cluster) =>
        {
            if (status is not (null or "pending")) return ProblemResult.InvalidRequest("status", "Only status=pending is kept: mailed letters leave the batch.");
            var letters = await cluster.GetGrain<ILetterQueueGrain>(0).Pending();
            return Results.Ok(letters.Select(l => new
            {
                letterId = l.LetterId,
                username = l.Username,
                address = new { line1 = l.Address.Line1, line2 = l.Address.Line2, city = l.Address.City, state = l.Address.State, zip = l.Address.Zip },
                code = l.Code,
                expectedBy = l.ExpectedBy,
            }));
        }).RequireOperator(OperatorRoles.Operator);

        group.MapPost("/{letterId:guid}/mailed", async (Guid letterId, IClusterClient cluster) =>
            await cluster.GetGrain<ILetterQueueGrain>(0).Remove(letterId)
                ? Results.NoContent()
                : new ProblemResult(StatusCodes.Status404NotFound, SecureAccess.Common.ErrorCodes.NotFound, "No pending letter with that id."))
            .RequireOperator(OperatorRoles.Operator);
    }
}
