using SecureAccess.Gateway.Problems;
using SecureAccess.Gateway.Requests;
using SecureAccess.Gateway.Throttling;
using SecureAccess.Registration;
using SecureAccess.Users;

namespace SecureAccess.Gateway.Endpoints;

/// API.md "Registration": HTTP in, grain messages out, outcomes through the one mapping.
public static class RegistrationEndpoints
{
    public static void MapRegistrationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/registrations").WithTags("Registration");

        group.MapPost("/", async (StartRegistrationRequest body, IClusterClient cluster) =>
        {
            var id = Guid.NewGuid();
            var result = await cluster.GetGrain<IRegistrationGrain>(id).Start(new StartRegistration(body.Email!));
            return result.ToHttp(r => Results.Created($"/api/v1/registrations/{r.RegistrationId}",
                new { registrationId = r.RegistrationId, step = r.Step, expiresAt = r.ExpiresAt }));
        }).Validated<StartRegistrationRequest>().LimitedBySource(SecureAccess.Throttling.SourceLimit.Registrations); // issue 11

        group.MapPost("/{id:guid}/email/confirm", async (Guid id, CodeRequest body, IClusterClient cluster) =>
            Step(await cluster.GetGrain<IRegistrationGrain>(id).ConfirmEmail(body.Code!))).Validated<CodeRequest>();

        group.MapPost("/{id:guid}/identity", async (Guid id, IdentityRequest body, IClusterClient cluster) =>
            Step(await cluster.GetGrain<IRegistrationGrain>(id).VerifyIdentity(body.ToClaim()))).Validated<IdentityRequest>();

        group.MapPost("/{id:guid}/credentials", async (Guid id, CredentialsRequest body, IClusterClient cluster) =>
            Step(await cluster.GetGrain<IRegistrationGrain>(id).ChooseCredentials(
                new ChooseCredentials(body.Username!, body.Password!, body.ExistingPassword, body.RecoveryCode)))).Validated<CredentialsRequest>();

        group.MapPost("/{id:guid}/phone", async (Guid id, PhoneRequest body, IClusterClient cluster) =>
            (await cluster.GetGrain<IRegistrationGrain>(id).AddPhone(body.PhoneNumber!))
                .ToHttp(s => Results.Accepted(value: new { step = s.Step, expiresAt = s.ExpiresAt }))).Validated<PhoneRequest>();

        group.MapPost("/{id:guid}/phone/confirm", async (Guid id, CodeRequest body, IClusterClient cluster) =>
            Step(await cluster.GetGrain<IRegistrationGrain>(id).ConfirmPhone(body.Code!))).Validated<CodeRequest>();

        group.MapPost("/{id:guid}/activation-letter", async (Guid id, IClusterClient cluster) =>
            (await cluster.GetGrain<IRegistrationGrain>(id).RequestLetter())
                .ToHttp(s => Results.Accepted(value: new { step = s.Step, expectedBy = s.ExpectedBy, expiresAt = s.ExpiresAt })));

        group.MapPost("/{id:guid}/activation-letter/confirm", async (Guid id, CodeRequest body, IClusterClient cluster) =>
            Step(await cluster.GetGrain<IRegistrationGrain>(id).ConfirmLetter(body.Code!))).Validated<CodeRequest>();

        group.MapPost("/{id:guid}/authenticator", async (Guid id, DeviceRequest body, IClusterClient cluster) =>
            (await cluster.GetGrain<IRegistrationGrain>(id).EnrollAuthenticator(body.DeviceId!))
                .ToHttp(e => Results.Json(new { step = e.Step, otpauthUri = e.OtpauthUri, secret = e.Secret }, statusCode: StatusCodes.Status201Created)))
            .Validated<DeviceRequest>();

        group.MapPost("/{id:guid}/authenticator/confirm", async (Guid id, CodeRequest body, IClusterClient cluster) =>
            Step(await cluster.GetGrain<IRegistrationGrain>(id).ConfirmAuthenticator(body.Code!))).Validated<CodeRequest>();

        group.MapPost("/resume", async (UsernamePasswordRequest body, IClusterClient cluster) =>
            (await cluster.GetGrain<IUserGrain>(UsernamePolicy.Normalize(body.Username!)).ResumeRegistration(body.Password!))
                .ToHttp(r => Results.Ok(new { registrationId = r.RegistrationId, step = r.Step }))).Validated<UsernamePasswordRequest>();
    }

    private static IResult Step(SecureAccess.Common.Result<StepInfo> result) => result.ToHttp(s => Results.Ok(new { step = s.Step }));
}
