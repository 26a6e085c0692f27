using Microsoft.AspNetCore.Http.HttpResults;
using SecureAccess.Common;
using SecureAccess.Gateway.Operators;
using SecureAccess.Gateway.Problems;
using SecureAccess.Gateway.Responses;
using SecureAccess.Letters;

namespace SecureAccess.Gateway.Endpoints;

/// API.md "Help desk and operators": the print batch of activation letters (SA-7).
public static class LetterEndpoints
{
    public static void MapLetterEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin/letters").WithTags("Operators");

        group.MapGet("/", async Task<Results<Ok<LetterResponse[]>, ProblemResult>> (string? status, IClusterClient cluster) =>
        {
            if (status is not (null or "pending")) return Failure.Invalid("status", "Only status=pending is kept: mailed letters leave the batch.").ToProblem();
            var letters = await cluster.GetGrain<ILetterQueueGrain>(0).Pending();
            return TypedResults.Ok(letters.Select(l => new LetterResponse(l.LetterId, l.Username,
                new LetterAddressResponse(l.Address.Line1, l.Address.Line2, l.Address.City, l.Address.State, l.Address.Zip),
                l.Code, l.ExpectedBy)).ToArray());
        }).RequireOperator(OperatorRoles.Operator).WithName("ListPendingLetters").WithSummary("List the activation letters waiting to be printed (SA-7)").Fails(ErrorCodes.InvalidRequest);

        group.MapPost("/{letterId:guid}/mailed", async Task<Results<NoContent, ProblemResult>> (Guid letterId, IClusterClient cluster) =>
            await cluster.GetGrain<ILetterQueueGrain>(0).Remove(letterId)
                ? TypedResults.NoContent()
                : new Failure(ErrorCodes.NotFound, "No pending letter with that id.").ToProblem())
            .RequireOperator(OperatorRoles.Operator).WithName("MarkLetterMailed").WithSummary("Mark an activation letter as mailed").Fails(ErrorCodes.NotFound);
    }
}
