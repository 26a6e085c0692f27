using SecureAccess.Common;
using SecureAccess.Gateway.Problems;
using SecureAccess.Gateway.Requests;
using SecureAccess.Gateway.Responses;
using SecureAccess.Gateway.Throttling;
using SecureAccess.Recovery;
using SecureAccess.SignIn;
using SecureAccess.Throttling;
using SecureAccess.Users;

namespace SecureAccess.Gateway.Endpoints;

/// API.md "Recovery" (SA-13, SA-14): answers never tell whether an account exists.
public static class RecoveryEndpoints
{
    public static void MapRecoveryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/recovery").WithTags("Recovery");

        group.MapPost("/username", async (UsernameRecoveryRequest body, IClusterClient cluster) =>
        {
            await cluster.GetGrain<IEmailIndexGrain>(GrainKeys.Email(body.Email!)).SendUsernameReminder();
            return TypedResults.Accepted((string?)null);
        }).Validated<UsernameRecoveryRequest>().LimitedBySource(SourceLimit.UsernameReminders).WithName("RecoverUsername").WithSummary("Email the username to an address, if known (SA-13)");

        group.MapPost("/password", async (PasswordRecoveryRequest body, IClusterClient cluster) =>
            (await cluster.GetGrain<IUserGrain>(GrainKeys.Username(body.Username!)).BeginRecovery())
                .ToHttp(c => TypedResults.Accepted((string?)null, new RecoveryChallengeResponse(c.ChallengeId)))) // API.md: no method, it would tell an app user apart (issue 11)
            .Validated<PasswordRecoveryRequest>().LimitedBySource(SourceLimit.PasswordRecoveries).WithName("BeginPasswordRecovery").WithSummary("Start password recovery (SA-14)");

        group.MapPost("/password/{challengeId:guid}/verify", async (Guid challengeId, CodeRequest body, IClusterClient cluster) =>
            (await cluster.GetGrain<ISignInChallengeGrain>(challengeId).VerifyRecovery(body.Code!)).ToHttp(_ => TypedResults.Accepted((string?)null)))
            .Validated<CodeRequest>().WithName("VerifyPasswordRecovery").WithSummary("Verify the recovery code; a temporary password is emailed")
            .Fails(ErrorCodes.InvalidCode, ErrorCodes.Expired, ErrorCodes.NotFound, ErrorCodes.AccountLocked, ErrorCodes.TooManyRequests);
    }
}
