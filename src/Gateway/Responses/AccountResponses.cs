namespace SecureAccess.Gateway.Responses;

/// `GET /api/v1/account` → 200. `secondFactor` is the method asked at sign-in (SA-8).
public sealed record AccountResponse(
    string Username, string Email, string? MaskedPhone, bool AuthenticatorEnrolled, string Status,
    IReadOnlyList<string> Products, string? SecondFactor);

/// `POST /api/v1/account/phone-change` → 202: one code to the old number, one to the new.
public sealed record PhoneChangeResponse(Guid ChangeId, DateTimeOffset ExpiresAt);

/// `POST /api/v1/account/authenticator` → 201: the new key, shown once (SA-8).
public sealed record AuthenticatorKeyResponse(string Secret, string OtpauthUri);

/// `GET /api/v1/products/{product}/access` → 200 (SA-21).
public sealed record ProductAccessResponse(string Product, string Username);

/// `POST /api/v1/products/tds/transcript-requests` → 202 (SA-21).
public sealed record TranscriptRequestResponse(Guid RequestId);
