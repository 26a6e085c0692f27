using Microsoft.AspNetCore.Http.HttpResults;
using SecureAccess.Common;
using SecureAccess.Gateway.Problems;
using SecureAccess.Gateway.Requests;
using SecureAccess.Gateway.Responses;
using SecureAccess.Gateway.Throttling;
using SecureAccess.Registration;
using SecureAccess.Users;

namespace SecureAccess.Gateway.Endpoints;

/// API.md "Registration": HTTP in, grain messages out, outcomes through the one mapping.
public static class RegistrationEndpoints
{
    /// What any step of a registration may meet: no such registration, past its time, or not at that step.
    private static readonly string[] AnyStep = [ErrorCodes.NotFound, ErrorCodes.Expired, ErrorCodes.WrongStep];
    private static readonly string[] CodeStep = [.. AnyStep, ErrorCodes.InvalidCode];

    public static void MapRegistrationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/registrations").WithTags("Registration");

        group.MapPost("/", async (StartRegistrationRequest body, IClusterClient cluster, TimeProvider clock) =>
            (await cluster.GetGrain<IRegistrationGrain>(RegistrationIds.New(clock)).Start(new StartRegistration(body.Email!)))
                .ToHttp(r => TypedResults.Created($"/api/v1/registrations/{r.RegistrationId}", new RegistrationStartedResponse(r.RegistrationId, r.Step, r.ExpiresAt))))
            .Validated<StartRegistrationRequest>().LimitedBySource(SecureAccess.Throttling.SourceLimit.Registrations) // issue 11
            .WithName("StartRegistration").WithSummary("Start a registration with an email address (SA-3)").Fails(ErrorCodes.WrongStep);

        group.MapPost("/{id:guid}/email/confirm", async (Guid id, CodeRequest body, IClusterClient cluster) =>
            Step(await cluster.GetGrain<IRegistrationGrain>(id).ConfirmEmail(body.Code!)))
            .Validated<CodeRequest>().WithName("ConfirmRegistrationEmail").WithSummary("Confirm the email address with its code").Fails(CodeStep);

        group.MapPost("/{id:guid}/identity", async (Guid id, IdentityRequest body, IClusterClient cluster) =>
            Step(await cluster.GetGrain<IRegistrationGrain>(id).VerifyIdentity(body.ToClaim())))
            .Validated<IdentityRequest>().WithName("VerifyRegistrationIdentity").WithSummary("Verify identity against the records (SA-4)")
            .Fails([.. AnyStep, ErrorCodes.IdentityNotVerified, ErrorCodes.CreditFreeze, ErrorCodes.CardNotAccepted,
                ErrorCodes.IdentityAlreadyRegistered, ErrorCodes.TooManyRequests]);

        group.MapPost("/{id:guid}/credentials", async (Guid id, CredentialsRequest body, IClusterClient cluster) =>
            Step(await cluster.GetGrain<IRegistrationGrain>(id).ChooseCredentials(
                new ChooseCredentials(body.Username!, body.Password!, body.ExistingPassword, body.RecoveryCode))))
            .Validated<CredentialsRequest>().WithName("ChooseRegistrationCredentials").WithSummary("Choose username and password (SA-1, SA-2, SA-17)")
            .Fails([.. AnyStep, ErrorCodes.WeakPassword, ErrorCodes.UsernameTaken, ErrorCodes.InvalidCredentials, ErrorCodes.NoExistingAccount,
                ErrorCodes.IdentityNotVerified, // SA-17: the e-Services account claimed is another person's
                ErrorCodes.OnlineAttemptRequired, ErrorCodes.AccountLocked, ErrorCodes.TooManyRequests]);

        group.MapPost("/{id:guid}/phone", async (Guid id, PhoneRequest body, IClusterClient cluster) =>
            (await cluster.GetGrain<IRegistrationGrain>(id).AddPhone(body.PhoneNumber!))
                .ToHttp(s => TypedResults.Accepted((string?)null, new PhoneStepResponse(s.Step, s.ExpiresAt))))
            .Validated<PhoneRequest>().WithName("AddRegistrationPhone").WithSummary("Add a mobile phone; an SMS activation code is sent (SA-5, SA-7)")
            .Fails([.. AnyStep, ErrorCodes.InvalidPhone, ErrorCodes.PhoneInUse, ErrorCodes.PhoneNotAssociated, ErrorCodes.TooManyRequests]);

        group.MapPost("/{id:guid}/phone/confirm", async (Guid id, CodeRequest body, IClusterClient cluster) =>
            Step(await cluster.GetGrain<IRegistrationGrain>(id).ConfirmPhone(body.Code!)))
            .Validated<CodeRequest>().WithName("ConfirmRegistrationPhone").WithSummary("Confirm the phone with its SMS code").Fails(CodeStep);

        group.MapPost("/{id:guid}/activation-letter", async (Guid id, IClusterClient cluster) =>
            (await cluster.GetGrain<IRegistrationGrain>(id).RequestLetter())
                .ToHttp(s => TypedResults.Accepted((string?)null, new LetterStepResponse(s.Step, s.ExpectedBy, s.ExpiresAt))))
            .WithName("RequestActivationLetter").WithSummary("Ask for the activation code by mail instead (SA-7)").Fails([.. AnyStep, ErrorCodes.TooManyRequests]);

        group.MapPost("/{id:guid}/activation-letter/confirm", async (Guid id, CodeRequest body, IClusterClient cluster) =>
            Step(await cluster.GetGrain<IRegistrationGrain>(id).ConfirmLetter(body.Code!)))
            .Validated<CodeRequest>().WithName("ConfirmActivationLetter").WithSummary("Enter the mailed activation code").Fails(CodeStep);

        group.MapPost("/{id:guid}/authenticator", async (Guid id, DeviceRequest body, IClusterClient cluster) =>
            (await cluster.GetGrain<IRegistrationGrain>(id).EnrollAuthenticator(body.DeviceId!))
                .ToHttp(e => TypedResults.Created((string?)null, new AuthenticatorStepResponse(e.Step, e.OtpauthUri, e.Secret))))
            .Validated<DeviceRequest>().WithName("EnrollRegistrationAuthenticator").WithSummary("Enrol the authenticator app (SA-8)").Fails([.. AnyStep, ErrorCodes.DeviceInUse]);

        group.MapPost("/{id:guid}/authenticator/confirm", async (Guid id, CodeRequest body, IClusterClient cluster) =>
            Step(await cluster.GetGrain<IRegistrationGrain>(id).ConfirmAuthenticator(body.Code!)))
            .Validated<CodeRequest>().WithName("ConfirmRegistrationAuthenticator").WithSummary("Confirm the authenticator app with a code").Fails(CodeStep);

        group.MapPost("/resume", async (UsernamePasswordRequest body, IClusterClient cluster) =>
            (await cluster.GetGrain<IUserGrain>(GrainKeys.Username(body.Username!)).ResumeRegistration(body.Password!))
                .ToHttp(r => TypedResults.Ok(new ResumedRegistrationResponse(r.RegistrationId, r.Step))))
            .Validated<UsernamePasswordRequest>().WithName("ResumeRegistration").WithSummary("Resume an unfinished registration with username and password")
            .Fails(ErrorCodes.InvalidCredentials, ErrorCodes.AccountLocked, ErrorCodes.NotFound, ErrorCodes.Expired, ErrorCodes.TooManyRequests);
    }

    private static Results<Ok<StepResponse>, ProblemResult> Step(Result<StepInfo> result) =>
        result.ToHttp(s => TypedResults.Ok(new StepResponse(s.Step)));
}
