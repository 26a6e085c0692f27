namespace SecureAccess.Common;

/// The `code` values of API.md. Clients depend on these spellings; add, never rename.
public static class ErrorCodes
{
    public const string InvalidRequest = "invalid_request";
    public const string WeakPassword = "weak_password";
    public const string InvalidPhone = "invalid_phone";
    public const string InvalidCredentials = "invalid_credentials";
    public const string InvalidCode = "invalid_code";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string PasswordChangeRequired = "password_change_required";
    public const string NotFound = "not_found";
    public const string UsernameTaken = "username_taken";
    public const string PhoneInUse = "phone_in_use";
    public const string DeviceInUse = "device_in_use";
    public const string IdentityAlreadyRegistered = "identity_already_registered";
    public const string WrongStep = "wrong_step";
    public const string NoExistingAccount = "no_existing_account";
    public const string OnlineAttemptRequired = "online_attempt_required";
    public const string Expired = "expired";
    public const string IdentityNotVerified = "identity_not_verified";
    public const string CreditFreeze = "credit_freeze";
    public const string CardNotAccepted = "card_not_accepted";
    /// SA-7, SA-15: the number is not among those the identity records tie to the person.
    public const string PhoneNotAssociated = "phone_not_associated";
    /// SA-21: no unexpired client authorization for this professional and client.
    public const string ClientNotAuthorized = "client_not_authorized";
    public const string AccountLocked = "account_locked";
    public const string TooManyRequests = "too_many_requests";
    public const string ServiceUnavailable = "service_unavailable";
    /// A fault on the service's side; the answer says nothing about its cause.
    public const string InternalError = "internal_error";

    /// Every code above, in API.md's order of statuses (the OpenAPI document's `code` enum).
    public static readonly IReadOnlyList<string> All =
    [
        InvalidRequest, WeakPassword, InvalidPhone, InvalidCredentials, InvalidCode, Unauthorized, Forbidden,
        PasswordChangeRequired, ClientNotAuthorized, NotFound, UsernameTaken, PhoneInUse, DeviceInUse,
        IdentityAlreadyRegistered, WrongStep, NoExistingAccount, OnlineAttemptRequired, Expired, IdentityNotVerified,
        CreditFreeze, CardNotAccepted, PhoneNotAssociated, AccountLocked, TooManyRequests, InternalError, ServiceUnavailable,
    ];
}
