using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SecureAccess.Gateway.Responses;
using SecureAccess.SignIn;

namespace SecureAccess.Gateway.Tokens;

/// The session's identity as the token carries it, and when the token expires.
public sealed record SessionPrincipal(string Username, Guid SessionId, bool PasswordChangeRequired, DateTimeOffset ExpiresAt);

/// Access tokens: ES256 JWTs with a `kid`, naming a session the user grain can end at any time. The
/// public keys are served as JWKS so e-Services products verify tokens without calling back.
public sealed class TokenService(SigningKeys keys, IOptions<TokenOptions> options, TimeProvider clock)
{
    private const string SessionClaim = "sid";
    private const string PasswordChangeClaim = "pcr";
    private readonly TokenOptions _options = options.Value;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public async Task<string> Issue(SessionIssued session)
    {
        var ring = await keys.Current();
        var now = clock.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = session.ExpiresAt.UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = session.Username,
                [SessionClaim] = session.SessionId.ToString(),
                [PasswordChangeClaim] = session.PasswordChangeRequired,
            },
            SigningCredentials = ring.Signing, // its key's KeyId becomes the header's `kid`
        });
    }

    /// The session a token names, or null when the token is not ours, altered, or past its time.
    public async Task<SessionPrincipal?> Validate(string token)
    {
        var ring = await keys.Current();
        var result = await Validate(token, ring);
        // A `kid` this gateway does not know yet: another gateway may have rotated. Re-read the set once.
        if (!result.IsValid && KidOf(token) is { } kid && !ring.VerificationKeys.ContainsKey(kid)
            && await keys.RefreshForUnknownKid() is { } refreshed)
            result = await Validate(token, refreshed);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt) return null;
        var expiresAt = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        if (clock.GetUtcNow() >= expiresAt) return null;
        if (!jwt.TryGetPayloadValue<string>(SessionClaim, out var sid) || !Guid.TryParse(sid, out var sessionId)) return null;
        jwt.TryGetPayloadValue<bool>(PasswordChangeClaim, out var pcr);
        return new SessionPrincipal(jwt.Subject, sessionId, pcr, expiresAt);
    }

    public async Task<JsonWebKeySetResponse> Jwks() => (await keys.Current()).Jwks(clock.GetUtcNow());

    private Task<TokenValidationResult> Validate(string token, SigningKeyRing ring) =>
        _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.Audience,
            // Only the key the token names: a token without a known `kid` is not ours.
            IssuerSigningKeyResolver = (_, _, kid, _) => kid is not null && ring.VerificationKeys.TryGetValue(kid, out var key) ? [key] : [],
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            // Expiry is judged by the service clock (TimeProvider), which tests can move.
            ValidateLifetime = false,
        });

    private string? KidOf(string token)
    {
        try { return _handler.ReadJsonWebToken(token).Kid; }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException) { return null; } // not a JWT at all
    }
}
