using SecureAccess.Gateway.Operators;
using SecureAccess.Gateway.Problems;
using SecureAccess.Gateway.Requests;
using SecureAccess.Users;

namespace SecureAccess.Gateway.Endpoints;

/// API.md "Help desk and operators", role `assistor`: the user view, the exception process (SA-19)
/// and in-person verification (SA-20). Nothing here unlocks a username (SA-10).
public static class HelpDeskEndpoints
{
    public static void MapHelpDeskEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/helpdesk").WithTags("Help desk");

        group.MapGet("/users/{username}", async (string username, IClusterClient cluster) =>
            (await User(cluster, username).GetHelpDeskView()).ToHttp(Results.Ok))
            .RequireOperator(OperatorRoles.Assistor);

        group.MapPost("/exception-registrations", async (ExceptionRegistrationRequest body, IClusterClient cluster, HttpContext http) =>
            (await User(cluster, body.Username!).CreateByException(body.ToRequest())).ToHttp(created =>
            {
                http.Response.Headers.CacheControl = "no-store"; // it carries a temporary password
                // Everything the assistor tells the user to finish online (SA-19, issue 14).
                return Results.Created((string?)null, new
                {
                    temporaryPassword = created.TemporaryPassword,
                    letterId = created.LetterId,
                    temporaryPasswordExpiresAt = created.TemporaryPasswordExpiresAt,
                    username = UsernamePolicy.Normalize(body.Username!),
                    letterExpectedBy = created.LetterExpectedBy,
                    letterCodeExpiresAt = created.LetterCodeExpiresAt,
                    nextSteps = HelpDeskInstructions.FinishOnline,
                });
            }))
            .Validated<ExceptionRegistrationRequest>().RequireOperator(OperatorRoles.Assistor);

        group.MapPost("/in-person-verifications", async (InPersonVerificationRequest body, IClusterClient cluster) =>
            (await User(cluster, body.Username!).RecordInPersonVerification(body.ToVerification())).ToHttp(recorded =>
                Results.Created((string?)null, new { username = UsernamePolicy.Normalize(body.Username!), verifiedAt = recorded.VerifiedAt, documentTypes = recorded.DocumentTypes })))
            .Validated<InPersonVerificationRequest>().RequireOperator(OperatorRoles.Assistor);
    }

    private static IUserAdministration User(IClusterClient cluster, string username) =>
        cluster.GetGrain<IUserAdministration>(UsernamePolicy.Normalize(username));
}
