namespace SecureAccess.Gateway.Responses;

/// `GET /.well-known/jwks.json` → 200: RFC 7517, the public keys that verify access tokens.
public sealed record JsonWebKeySetResponse(IReadOnlyList<JsonWebKeyResponse> Keys);

/// One ES256 public key (P-256): `x` and `y` base64url, `kid` as in the token header.
public sealed record JsonWebKeyResponse(string Kty, string Crv, string X, string Y, string Kid, string Use, string Alg);
