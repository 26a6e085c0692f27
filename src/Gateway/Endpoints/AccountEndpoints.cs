using SecureAccess.Gateway.Problems;
using SecureAccess.Gateway.Requests;
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

        group.MapPost("/password", async (ChangePasswordRequest body, HttpContext http, IClusterClient cluster) =>
        {
            var session = http.Session();
            var changed = await cluster.GetGrain<IUserGrain>(session.Username).ChangePassword(new PasswordChange(session.SessionId, body.CurrentPassword, body.NewPassword!));
            if (changed.Succeeded) http.SessionsEnded(session.Username); // SA-16: other sessions end here at once
            return changed.ToHttp(_ => Results.NoContent());
        }).Validated<ChangePasswordRequest>().RequireSession(allowDuringPasswordChange: true);

        group.MapPost("/phone-change", async (PhoneChangeRequest body, HttpContext http, IClusterClient cluster) =>
            (await cluster.GetGrain<IUserGrain>(http.Session().Username).BeginPhoneChange(body.NewPhoneNumber!))
                .ToHttp(c => Results.Accepted(value: new { changeId = c.ChangeId, expiresAt = c.ExpiresAt })))
            .Validated<PhoneChangeRequest>().RequireSession();

        group.MapPost("/phone-change/{changeId:guid}/confirm", async (Guid changeId, PhoneChangeConfirmRequest body, HttpContext http, IClusterClient cluster) =>
            (await cluster.GetGrain<IUserGrain>(http.Session().Username).ConfirmPhoneChange(changeId, body.OldCode!, body.NewCode!))
                .ToHttp(_ => Results.NoContent()))
            .Validated<PhoneChangeConfirmRequest>().RequireSession();
    }
}
