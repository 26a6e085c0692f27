using SecureAccess.Gateway.Problems;
using SecureAccess.Gateway.Requests;
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
            await cluster.GetGrain<IEmailIndexGrain>(body.Email!.Trim().ToLowerInvariant()).SendUsernameReminder();
            return Results.Accepted();
        }).Validated<UsernameRecoveryRequest>().LimitedBySource(SourceLimit.UsernameReminders);

        group.MapPost("/password", async (PasswordRecoveryRequest body, IClusterClient cluster) =>
            (await cluster.GetGrain<IUserGrain>(UsernamePolicy.Normalize(body.Username!)).BeginRecovery())
                .ToHttp(c => Results.Accepted(value: new { challengeId = c.ChallengeId }))) // API.md: no method, it would tell an app user apart (issue 11)
            .Validated<PasswordRecoveryRequest>().LimitedBySource(SourceLimit.PasswordRecoveries);

        group.MapPost("/password/{challengeId:guid}/verify", async (Guid challengeId, CodeRequest body, IClusterClient cluster) =>
            (await cluster.GetGrain<ISignInChallengeGrain>(challengeId).VerifyRecovery(body.Code!)).ToHttp(_ => Results.Accepted()))
            .Validated<CodeRequest>();
    }
}
