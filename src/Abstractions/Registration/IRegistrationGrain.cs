using SecureAccess.Common;

namespace SecureAccess.Registration;

/// One registration wizard (API.md "Registration"), keyed by its id. Holds the step and the
/// short-lived codes of SA-3 and SA-7 so their lifetimes live with the flow.
public interface IRegistrationGrain : IGrainWithGuidKey
{
    Task<Result<RegistrationStarted>> Start(StartRegistration command);
    Task<Result<StepInfo>> ConfirmEmail(string code);
    Task<Result<StepInfo>> VerifyIdentity(IdentityClaim claim);
    Task<Result<StepInfo>> ChooseCredentials(ChooseCredentials command);
    Task<Result<StepInfo>> AddPhone(string phoneNumber);
    Task<Result<StepInfo>> ConfirmPhone(string code);
    [SafeToRepeat]
    Task<Result<StepInfo>> GetStep();

    /// SA-7: the activation code by mail, for a registrant without a text-enabled phone.
    Task<Result<StepInfo>> RequestLetter();
    Task<Result<StepInfo>> ConfirmLetter(string code);

    /// SA-8: after the letter, the authenticator app instead of a phone.
    Task<Result<AuthenticatorEnrollment>> EnrollAuthenticator(string deviceId);
    Task<Result<StepInfo>> ConfirmAuthenticator(string code);
}
