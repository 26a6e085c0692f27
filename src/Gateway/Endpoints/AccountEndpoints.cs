using SecureAccess.Gateway.Problems;
using SecureAccess.Gateway.Tokens;
using SecureAccess.Users;

namespace SecureAccess.Gateway.Endpoints;

/// API.md "Account" (bearer token).
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/account").WithTags("Account");

        group.MapGet("/", async (HttpContext http, IClusterClient cluster) =>
            (await cluster.GetGrain<IUserGrain>(http.Session().Username).GetAccount()).ToHttp(a => Results.Ok(new
            {
                username = a.Username,
                email = a.Email,
                maskedPhone = a.MaskedPhone,
                authenticatorEnrolled = a.AuthenticatorEnrolled,
                status = a.Status,
                products = a.Products,
            }))).RequireSession();
    }
}
