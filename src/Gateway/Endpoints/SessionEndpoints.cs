using Microsoft.AspNetCore.Http.HttpResults;
using SecureAccess.Common;
using SecureAccess.Gateway.Problems;
using SecureAccess.Gateway.Requests;
using SecureAccess.Gateway.Responses;
using SecureAccess.Gateway.Tokens;
using SecureAccess.SignIn;
using SecureAccess.Users;

namespace SecureAccess.Gateway.Endpoints;

/// API.md "Signing in" (SA-9): password, then the second factor, then a token.
public static class SessionEndpoints
{
    public static void MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sessions").WithTags("Signing in");

        group.MapPost("/", async (UsernamePasswordRequest body, IClusterClient cluster) =>
            (await cluster.GetGrain<IUserGrain>(GrainKeys.Username(body.Username!)).BeginSignIn(body.Password!))
                .ToHttp(c => TypedResults.Ok(new ChallengeResponse(c.ChallengeId, c.Method, c.ExpiresAt, c.PasswordChangeRequired))))
            .Validated<UsernamePasswordRequest>().WithName("SignIn").WithSummary("Sign in with username and password (SA-9)")
            .Fails(ErrorCodes.InvalidCredentials, ErrorCodes.AccountLocked, ErrorCodes.OnlineAttemptRequired, ErrorCodes.TooManyRequests);

        group.MapPost("/{challengeId:guid}/verify", async (Guid challengeId, CodeRequest body, IClusterClient cluster, TokenService tokens, TimeProvider clock) =>
        {
            var verified = await cluster.GetGrain<ISignInChallengeGrain>(challengeId).Verify(body.Code!);
            var accessToken = verified.Succeeded ? await tokens.Issue(verified.Value!) : null;
            return verified.ToHttp(s => TypedResults.Ok(new TokenResponse(accessToken!, "Bearer", (long)(s.ExpiresAt - clock.GetUtcNow()).TotalSeconds)));
        }).Validated<CodeRequest>().WithName("VerifySignIn").WithSummary("Verify the second factor and receive an access token")
          .Fails(ErrorCodes.InvalidCode, ErrorCodes.Expired, ErrorCodes.NotFound, ErrorCodes.AccountLocked, ErrorCodes.TooManyRequests);

        group.MapPost("/{challengeId:guid}/resend", async (Guid challengeId, IClusterClient cluster) =>
            (await cluster.GetGrain<ISignInChallengeGrain>(challengeId).Resend())
                .ToHttp(c => TypedResults.Accepted((string?)null, new ResendResponse(c.ExpiresAt))))
            .WithName("ResendSignInCode").WithSummary("Send the sign-in SMS code again").Fails(ErrorCodes.NotFound, ErrorCodes.Expired, ErrorCodes.WrongStep, ErrorCodes.AccountLocked, ErrorCodes.TooManyRequests);

        group.MapDelete("/current", async (HttpContext http, IClusterClient cluster) =>
        {
            var session = http.Session();
            await cluster.GetGrain<IUserGrain>(session.Username).EndSession(session.SessionId);
            http.SessionsEnded(session.Username);
            return TypedResults.NoContent();
        }).RequireSession(allowDuringPasswordChange: true).WithName("SignOut").WithSummary("Sign out: the token is dead from then on");
    }
}
