using SecureAccess.Gateway.Problems;
using SecureAccess.Gateway.Requests;
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
            (await cluster.GetGrain<IUserGrain>(UsernamePolicy.Normalize(body.Username!)).BeginSignIn(body.Password!))
                .ToHttp(c => Results.Ok(new
                {
                    challengeId = c.ChallengeId,
                    method = c.Method,
                    expiresAt = c.ExpiresAt,
                    passwordChangeRequired = c.PasswordChangeRequired,
                }))).Validated<UsernamePasswordRequest>();

        group.MapPost("/{challengeId:guid}/verify", async (Guid challengeId, CodeRequest body, IClusterClient cluster, TokenService tokens, TimeProvider clock) =>
        {
            var verified = await cluster.GetGrain<ISignInChallengeGrain>(challengeId).Verify(body.Code!);
            var accessToken = verified.Succeeded ? await tokens.Issue(verified.Value!) : null;
            return verified.ToHttp(s => Results.Ok(new
            {
                accessToken,
                tokenType = "Bearer",
                expiresIn = (long)(s.ExpiresAt - clock.GetUtcNow()).TotalSeconds,
            }));
        }).Validated<CodeRequest>();

        group.MapPost("/{challengeId:guid}/resend", async (Guid challengeId, IClusterClient cluster) =>
            (await cluster.GetGrain<ISignInChallengeGrain>(challengeId).Resend())
                .ToHttp(c => Results.Accepted(value: new { expiresAt = c.ExpiresAt })));

        group.MapDelete("/current", async (HttpContext http, IClusterClient cluster) =>
        {
            var session = http.Session();
            await cluster.GetGrain<IUserGrain>(session.Username).EndSession(session.SessionId);
            http.SessionsEnded(session.Username);
            return Results.NoContent();
        }).RequireSession(allowDuringPasswordChange: true);
    }
}
