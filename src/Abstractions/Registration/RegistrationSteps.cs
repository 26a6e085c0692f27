namespace SecureAccess.Registration;

/// The `step` values of API.md: what the registrant must do next.
public static class RegistrationSteps
{
    public const string ConfirmEmail = "confirm-email";
    public const string VerifyIdentity = "verify-identity";
    public const string ChooseCredentials = "choose-credentials";
    public const string ActivatePhone = "activate-phone";
    public const string ConfirmPhone = "confirm-phone";
    public const string AwaitLetter = "await-letter";
    public const string ChooseSecondFactor = "choose-second-factor";
    public const string ConfirmAuthenticator = "confirm-authenticator";
    public const string Complete = "complete";
}
