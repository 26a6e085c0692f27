using SecureAccess.Common;
using SecureAccess.Gateway.Operators;
using SecureAccess.Gateway.Problems;
using SecureAccess.Gateway.Requests;
using SecureAccess.Gateway.Responses;
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
            (await User(cluster, username).GetHelpDeskView()).ToHttp(TypedResults.Ok))
            .RequireOperator(OperatorRoles.Assistor).WithName("GetHelpDeskUser").WithSummary("Read what the help desk may see of a user").Fails(ErrorCodes.NotFound);

        group.MapPost("/exception-registrations", async (ExceptionRegistrationRequest body, IClusterClient cluster, HttpContext http) =>
            (await User(cluster, body.Username!).CreateByException(body.ToRequest())).ToHttp(created =>
            {
                http.Response.Headers.CacheControl = "no-store"; // it carries a temporary password
                // Everything the assistor tells the user to finish online (SA-19, issue 14).
                return TypedResults.Created((string?)null, new ExceptionRegistrationResponse(
                    created.TemporaryPassword, created.LetterId, created.TemporaryPasswordExpiresAt, GrainKeys.Username(body.Username!),
                    created.LetterExpectedBy, created.LetterCodeExpiresAt, HelpDeskInstructions.FinishOnline));
            }))
            .Validated<ExceptionRegistrationRequest>().RequireOperator(OperatorRoles.Assistor).WithName("CreateExceptionRegistration").WithSummary("Create an account by the exception process (SA-19)")
            .Fails(ErrorCodes.NotFound, ErrorCodes.Forbidden, ErrorCodes.WrongStep, ErrorCodes.IdentityNotVerified, ErrorCodes.AccountLocked);

        group.MapPost("/in-person-verifications", async (InPersonVerificationRequest body, IClusterClient cluster) =>
            (await User(cluster, body.Username!).RecordInPersonVerification(body.ToVerification())).ToHttp(recorded =>
                TypedResults.Created((string?)null, new InPersonVerificationResponse(GrainKeys.Username(body.Username!), recorded.VerifiedAt, recorded.DocumentTypes))))
            .Validated<InPersonVerificationRequest>().RequireOperator(OperatorRoles.Assistor).WithName("RecordInPersonVerification").WithSummary("Record an in-person verification (SA-20)")
            .Fails(ErrorCodes.NotFound, ErrorCodes.WrongStep, ErrorCodes.Forbidden);
    }

    private static IUserAdministration User(IClusterClient cluster, string username) =>
        cluster.GetGrain<IUserAdministration>(GrainKeys.Username(username));
}
