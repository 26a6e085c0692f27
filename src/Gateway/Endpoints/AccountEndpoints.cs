using SecureAccess.Common;
using SecureAccess.Gateway.Problems;
using SecureAccess.Gateway.Requests;
using SecureAccess.Gateway.Responses;
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
            (await cluster.GetGrain<IUserGrain>(http.Session().Username).GetAccount()).ToHttp(a => TypedResults.Ok(new AccountResponse(
                a.Username, a.Email, a.MaskedPhone, a.AuthenticatorEnrolled, a.Status, a.Products,
                a.SecondFactor)))) // SA-8: the method asked at sign-in (issue 14)
            .RequireSession().WithName("GetAccount").WithSummary("Read the signed-in account").Fails(ErrorCodes.NotFound);

        group.MapPost("/password", async (ChangePasswordRequest body, HttpContext http, IClusterClient cluster) =>
        {
            var session = http.Session();
            var changed = await cluster.GetGrain<IUserGrain>(session.Username).ChangePassword(new PasswordChange(session.SessionId, body.CurrentPassword, body.NewPassword!));
            if (changed.Succeeded) http.SessionsEnded(session.Username); // SA-16: other sessions end here at once
            return changed.ToHttp(_ => TypedResults.NoContent());
        }).Validated<ChangePasswordRequest>().RequireSession(allowDuringPasswordChange: true).WithName("ChangePassword").WithSummary("Change the password (SA-12, SA-16)")
          .Fails(ErrorCodes.WeakPassword, ErrorCodes.InvalidCredentials, ErrorCodes.AccountLocked, ErrorCodes.Expired);

        group.MapPost("/phone-change", async (PhoneChangeRequest body, HttpContext http, IClusterClient cluster) =>
            (await cluster.GetGrain<IUserGrain>(http.Session().Username).BeginPhoneChange(body.NewPhoneNumber!))
                .ToHttp(c => TypedResults.Accepted((string?)null, new PhoneChangeResponse(c.ChangeId, c.ExpiresAt))))
            .Validated<PhoneChangeRequest>().RequireSession().WithName("BeginPhoneChange").WithSummary("Start changing the phone number: codes to the old and the new")
            .Fails(ErrorCodes.InvalidPhone, ErrorCodes.PhoneInUse, ErrorCodes.PhoneNotAssociated, ErrorCodes.AccountLocked, ErrorCodes.TooManyRequests);

        group.MapPost("/phone-change/{changeId:guid}/confirm", async (Guid changeId, PhoneChangeConfirmRequest body, HttpContext http, IClusterClient cluster) =>
            (await cluster.GetGrain<IUserGrain>(http.Session().Username).ConfirmPhoneChange(changeId, body.OldCode!, body.NewCode!))
                .ToHttp(_ => TypedResults.NoContent()))
            .Validated<PhoneChangeConfirmRequest>().RequireSession().WithName("ConfirmPhoneChange").WithSummary("Confirm a phone change with both codes")
            .Fails(ErrorCodes.NotFound, ErrorCodes.Expired, ErrorCodes.InvalidCode, ErrorCodes.PhoneInUse, ErrorCodes.AccountLocked);

        // SA-8 after registration (issue 14): enrol or move the app, and choose the sign-in method.
        group.MapPost("/authenticator", async (DeviceRequest body, HttpContext http, IClusterClient cluster) =>
        {
            var session = http.Session();
            return (await cluster.GetGrain<IUserGrain>(session.Username).BeginAuthenticatorEnrollment(session.SessionId, body.DeviceId!)).ToHttp(e =>
            {
                http.Response.Headers.CacheControl = "no-store"; // it carries the key, shown once
                return TypedResults.Created((string?)null, new AuthenticatorKeyResponse(e.Secret, e.OtpauthUri));
            });
        }).Validated<DeviceRequest>().RequireSession().WithName("BeginAuthenticatorEnrollment").WithSummary("Enrol or move the authenticator app (SA-8)")
          .Fails(ErrorCodes.DeviceInUse, ErrorCodes.AccountLocked, ErrorCodes.TooManyRequests);

        group.MapPost("/authenticator/confirm", async (CodeRequest body, HttpContext http, IClusterClient cluster) =>
        {
            var session = http.Session();
            return (await cluster.GetGrain<IUserGrain>(session.Username).ConfirmAuthenticatorEnrollment(session.SessionId, body.Code!)).ToHttp(_ => TypedResults.NoContent());
        }).Validated<CodeRequest>().RequireSession().WithName("ConfirmAuthenticatorEnrollment").WithSummary("Confirm the new authenticator key with a code")
          .Fails(ErrorCodes.InvalidCode, ErrorCodes.Expired, ErrorCodes.WrongStep, ErrorCodes.NotFound, ErrorCodes.DeviceInUse, ErrorCodes.AccountLocked);

        group.MapPut("/second-factor", async (SecondFactorRequest body, HttpContext http, IClusterClient cluster) =>
        {
            var session = http.Session();
            return (await cluster.GetGrain<IUserGrain>(session.Username).ChooseSecondFactor(session.SessionId, body.Method!)).ToHttp(_ => TypedResults.NoContent());
        }).Validated<SecondFactorRequest>().RequireSession().WithName("ChooseSecondFactor").WithSummary("Choose the second factor asked at sign-in")
          .Fails(ErrorCodes.WrongStep, ErrorCodes.AccountLocked);
    }
}
