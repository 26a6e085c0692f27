using SecureAccess.Common;
using SecureAccess.Gateway.Problems;
using SecureAccess.Users;

namespace SecureAccess.Gateway.Tokens;

public static class SessionAuthentication
{
    private const string ItemKey = "secure-access-session";

    /// Requires a bearer token whose session the user grain still holds. A session made with a
    /// temporary password is good only where `allowPasswordChangeOnly` is set (SA-12).
    /// Issue 13: a token verified before is taken from this gateway's cache (no signature check, no
    /// grain call) while revocations are known to reach this gateway; otherwise the grain is asked.
    public static RouteHandlerBuilder RequireSession(this RouteHandlerBuilder route, bool allowDuringPasswordChange = false) =>
        route.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var header = http.Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Unauthorized();
            var token = header["Bearer ".Length..].Trim();

            var principal = await Verify(http.RequestServices, token);
            if (principal is null) return Unauthorized();
            if (principal.PasswordChangeRequired && !allowDuringPasswordChange)
                return new Failure(ErrorCodes.PasswordChangeRequired, "Set a new password first (POST /api/v1/account/password).").ToProblem();

            http.Items[ItemKey] = principal;
            return await next(context);
        }).WithMetadata(new SessionRequiredMetadata())
          .Fails(allowDuringPasswordChange ? [ErrorCodes.Unauthorized] : [ErrorCodes.Unauthorized, ErrorCodes.PasswordChangeRequired]);

    public static SessionPrincipal Session(this HttpContext http) => (SessionPrincipal)http.Items[ItemKey]!;

    /// After a call that ends sessions (sign-out, password change): this gateway forgets the user's
    /// tokens before it answers, so a revoked token never passes here, push or no push.
    public static void SessionsEnded(this HttpContext http, string username) =>
        http.RequestServices.GetRequiredService<VerifiedTokenCache>().Revoke(username);

    private static async Task<SessionPrincipal?> Verify(IServiceProvider services, string token)
    {
        var cache = services.GetRequiredService<VerifiedTokenCache>();
        var cached = cache.Find(token);
        if (cached is not null && services.GetRequiredService<SessionRevocationListener>().Healthy) return cached;

        var stamp = cache.Stamp();
        var principal = cached ?? await services.GetRequiredService<TokenService>().Validate(token);
        if (principal is null) return null;
        var cluster = services.GetRequiredService<IClusterClient>();
        if (!await cluster.GetGrain<IUserGrain>(principal.Username).IsSessionActive(principal.SessionId)) return null;
        cache.Add(token, principal, stamp);
        return principal;
    }

    private static ProblemResult Unauthorized() =>
        new Failure(ErrorCodes.Unauthorized, "A valid bearer token is required.").ToProblem();
}

/// Marks endpoints that take a bearer token (for the OpenAPI document).
public sealed class SessionRequiredMetadata;
