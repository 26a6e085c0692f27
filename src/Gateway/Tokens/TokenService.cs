using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SecureAccess.SignIn;

namespace SecureAccess.Gateway.Tokens;

/// The session's identity as the token carries it.
public sealed record SessionPrincipal(string Username, Guid SessionId, bool PasswordChangeRequired);

/// Access tokens: ES256 JWTs naming a session the user grain can end at any time. The public key is
/// served as JWKS so e-Services products verify tokens without calling back.
public sealed class TokenService
{
    private const string SessionClaim = "sid";
    private const string PasswordChangeClaim = "pcr";
    private readonly ECDsaSecurityKey _key;
    private readonly TokenOptions _options;
    private readonly TimeProvider _clock;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TokenService(IOptions<TokenOptions> options, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        var ecdsa = ECDsa.Create();
        if (string.IsNullOrWhiteSpace(_options.SigningKeyPem)) ecdsa.GenerateKey(ECCurve.NamedCurves.nistP256);
        else ecdsa.ImportFromPem(_options.SigningKeyPem);
        if (ecdsa.KeySize != 256) throw new InvalidOperationException("Tokens:SigningKeyPem must be a P-256 key (ES256).");
        _key = new ECDsaSecurityKey(ecdsa);
        _key.KeyId = Base64UrlEncoder.Encode(_key.ComputeJwkThumbprint());
    }

    public string Issue(SessionIssued session)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
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
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.EcdsaSha256),
        });
    }

    /// The session a token names, or null when the token is not ours, altered, or past its time.
    public async Task<SessionPrincipal?> Validate(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.Audience,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            // Expiry is judged below by the service clock (TimeProvider), which tests can move.
            ValidateLifetime = false,
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt) return null;
        if (_clock.GetUtcNow().UtcDateTime >= jwt.ValidTo) return null;
        if (!jwt.TryGetPayloadValue<string>(SessionClaim, out var sid) || !Guid.TryParse(sid, out var sessionId)) return null;
        jwt.TryGetPayloadValue<bool>(PasswordChangeClaim, out var pcr);
        return new SessionPrincipal(jwt.Subject, sessionId, pcr);
    }

    public object Jwks()
    {
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(_key);
        return new
        {
            keys = new[]
            {
                new { kty = jwk.Kty, crv = jwk.Crv, x = jwk.X, y = jwk.Y, kid = jwk.Kid, use = "sig", alg = SecurityAlgorithms.EcdsaSha256 },
            },
        };
    }
}
