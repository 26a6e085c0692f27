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
                secondFactor = a.SecondFactor, // SA-8: the method asked at sign-in (issue 14)
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

        // SA-8 after registration (issue 14): enrol or move the app, and choose the sign-in method.
        group.MapPost("/authenticator", async (DeviceRequest body, HttpContext http, IClusterClient cluster) =>
        {
            var session = http.Session();
            return (await cluster.GetGrain<IUserGrain>(session.Username).BeginAuthenticatorEnrollment(session.SessionId, body.DeviceId!)).ToHttp(e =>
            {
                http.Response.Headers.CacheControl = "no-store"; // it carries the key, shown once
                return Results.Created((string?)null, new { secret = e.Secret, otpauthUri = e.OtpauthUri });
            });
        }).Validated<DeviceRequest>().RequireSession();

        group.MapPost("/authenticator/confirm", async (CodeRequest body, HttpContext http, IClusterClient cluster) =>
        {
            var session = http.Session();
            return (await cluster.GetGrain<IUserGrain>(session.Username).ConfirmAuthenticatorEnrollment(session.SessionId, body.Code!)).ToHttp(_ => Results.NoContent());
        }).Validated<CodeRequest>().RequireSession();

        group.MapPut("/second-factor", async (SecondFactorRequest body, HttpContext http, IClusterClient cluster) =>
        {
            var session = http.Session();
            return (await cluster.GetGrain<IUserGrain>(session.Username).ChooseSecondFactor(session.SessionId, body.Method!)).ToHttp(_ => Results.NoContent());
        }).Validated<SecondFactorRequest>().RequireSession();
    }
}
