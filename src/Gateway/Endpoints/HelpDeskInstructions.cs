namespace SecureAccess.Gateway.Endpoints;

/// What an assistor reads to the user at the end of the exception process (SA-19): the online
/// steps that finish the account, in API.md's terms, so the script never drifts from the API.
public static class HelpDeskInstructions
{
    public static readonly IReadOnlyList<string> FinishOnline =
    [
        "When the letter arrives, resume the registration: POST /api/v1/registrations/resume with your username and this temporary password.",
        "Enter the letter's activation code: POST /api/v1/registrations/{registrationId}/activation-letter/confirm.",
        "Add a mobile phone in your name (SMS code) or enrol the authenticator app.",
        "Sign in with the temporary password once and choose your own password (SA-12).",
    ];
}
