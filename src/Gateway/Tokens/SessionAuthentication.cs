using SecureAccess.Common;
using SecureAccess.Gateway.Problems;
using SecureAccess.Users;

namespace SecureAccess.Gateway.Tokens;

public static class SessionAuthentication
{
    private const string ItemKey = "secure-access-session";

    /// Requires a bearer token whose session the user grain still holds. A session made with a
    /// temporary password is good only where `allowPasswordChangeOnly` is set (SA-12).
    public static RouteHandlerBuilder RequireSession(this RouteHandlerBuilder route, bool allowDuringPasswordChange = false) =>
        route.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var header = http.Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Unauthorized();

            var tokens = http.RequestServices.GetRequiredService<TokenService>();
            var principal = await tokens.Validate(header["Bearer ".Length..].Trim());
            if (principal is null) return Unauthorized();

            var cluster = http.RequestServices.GetRequiredService<IClusterClient>();
            if (!await cluster.GetGrain<IUserGrain>(principal.Username).IsSessionActive(principal.SessionId)) return Unauthorized();
            if (principal.PasswordChangeRequired && !allowDuringPasswordChange)
                return new ProblemResult(StatusCodes.Status403Forbidden, ErrorCodes.PasswordChangeRequired,
                    "Set a new password first (POST /api/v1/account/password).");

            http.Items[ItemKey] = principal;
            return await next(context);
        }).WithMetadata(new SessionRequiredMetadata());

    public static SessionPrincipal Session(this HttpContext http) => (SessionPrincipal)http.Items[ItemKey]!;

    private static ProblemResult Unauthorized() =>
        new(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "A valid bearer token is required.");
}

/// Marks endpoints that take a bearer token (for the OpenAPI document).
public sealed class SessionRequiredMetadata;
