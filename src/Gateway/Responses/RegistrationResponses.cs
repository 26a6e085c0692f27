namespace SecureAccess.Gateway.Responses;

/// API.md "Registration": every answer names the next `step` the registrant must take.

/// `POST /api/v1/registrations` → 201.
public sealed record RegistrationStartedResponse(Guid RegistrationId, string Step, DateTimeOffset ExpiresAt);

/// A step done; `step` is the next one.
public sealed record StepResponse(string Step);

/// `POST …/phone` → 202: an SMS activation code is on its way, valid until `expiresAt`.
public sealed record PhoneStepResponse(string Step, DateTimeOffset? ExpiresAt);

/// `POST …/activation-letter` → 202: the letter is queued to the address of record (SA-7).
public sealed record LetterStepResponse(string Step, DateOnly? ExpectedBy, DateTimeOffset? ExpiresAt);

/// `POST …/authenticator` → 201: the base32 key, shown once (SA-8).
public sealed record AuthenticatorStepResponse(string Step, string OtpauthUri, string Secret);

/// `POST /api/v1/registrations/resume` → 200: the caller's unfinished registration.
public sealed record ResumedRegistrationResponse(Guid RegistrationId, string Step);
