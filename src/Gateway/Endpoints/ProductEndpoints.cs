using Microsoft.AspNetCore.Http.HttpResults;
using SecureAccess.Common;
using SecureAccess.Gateway.Problems;
using SecureAccess.Gateway.Requests;
using SecureAccess.Gateway.Responses;
using SecureAccess.Gateway.Tokens;
using SecureAccess.Import;
using SecureAccess.Users;

namespace SecureAccess.Gateway.Endpoints;

/// SA-21: e-Services products accept only sessions from a full two-factor sign-in (SA-9) of a
/// registered account that holds the product.
public static class ProductEndpoints
{
    public static void MapProductEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/products/{product}/access", async Task<Results<Ok<ProductAccessResponse>, ProblemResult>> (string product, HttpContext http, IClusterClient cluster) =>
        {
            if (!EServicesProducts.All.Contains(product))
                return new Failure(ErrorCodes.NotFound, $"No such product; the products are {string.Join(", ", EServicesProducts.All)}.").ToProblem();
            var session = http.Session();
            return (await cluster.GetGrain<IUserAdministration>(session.Username).CheckProductAccess(session.SessionId, product))
                .ToHttp(a => TypedResults.Ok(new ProductAccessResponse(a.Product, a.Username)));
        }).RequireSession().WithTags("Account").WithName("CheckProductAccess").WithSummary("Check access to an e-Services product (SA-21)").Fails(ErrorCodes.NotFound, ErrorCodes.Forbidden);

        // SA-21 (issue 14): a transcript for a client needs an unexpired client authorization.
        app.MapPost("/api/v1/products/tds/transcript-requests", async (TranscriptRequestBody body, HttpContext http, IClusterClient cluster) =>
        {
            var session = http.Session();
            return (await cluster.GetGrain<IUserAdministration>(session.Username).RequestTranscript(new Transcripts.TranscriptRequest(session.SessionId, body.ClientSsn!, body.TaxYear!.Value)))
                .ToHttp(a => TypedResults.Accepted((string?)null, new TranscriptRequestResponse(a.RequestId)));
        }).Validated<TranscriptRequestBody>().RequireSession().WithTags("Account").WithName("RequestTranscript").WithSummary("Request a client's transcript (SA-21)")
          .Fails(ErrorCodes.ClientNotAuthorized, ErrorCodes.Forbidden);
    }
}
