namespace SecureAccess.Gateway.Responses;

/// `POST /api/v1/sessions` → 200: the password was right; the second factor is next (SA-9).
public sealed record ChallengeResponse(Guid ChallengeId, string Method, DateTimeOffset ExpiresAt, bool PasswordChangeRequired);

/// `POST /api/v1/sessions/{challengeId}/verify` → 200: a signed bearer token (ES256, API.md "Tokens").
public sealed record TokenResponse(string AccessToken, string TokenType, long ExpiresIn);

/// `POST /api/v1/sessions/{challengeId}/resend` → 202: a new code, valid until `expiresAt`.
public sealed record ResendResponse(DateTimeOffset ExpiresAt);

/// `POST /api/v1/recovery/password` → 202: the same for every username (SA-13: no `method`).
public sealed record RecoveryChallengeResponse(Guid ChallengeId);
