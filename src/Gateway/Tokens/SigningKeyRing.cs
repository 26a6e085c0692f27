using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using SecureAccess.Gateway.Responses;
using SecureAccess.Tokens;

namespace SecureAccess.Gateway.Tokens;

/// One snapshot of the keys a gateway signs and verifies with, and the JWKS it publishes.
public sealed class SigningKeyRing
{
    private SigningKeyRing(ECDsaSecurityKey signing, string nextKid, IReadOnlyList<(ECDsaSecurityKey Key, DateTimeOffset? Until)> published, DateTimeOffset? rotatesAt, long version = 0)
    {
        Version = version;
        RotatesAt = rotatesAt;
        Signing = new SigningCredentials(signing, SecurityAlgorithms.EcdsaSha256);
        CurrentKid = signing.KeyId;
        NextKid = nextKid;
        Published = published;
        VerificationKeys = published.ToDictionary(p => p.Key.KeyId, p => (SecurityKey)p.Key);
    }

    public SigningCredentials Signing { get; }
    public string CurrentKid { get; }
    public string NextKid { get; }

    /// When the cluster's schedule rotates (null for a static key): past it this ring is not used to sign.
    public DateTimeOffset? RotatesAt { get; }

    /// The key set's version: a slower, older read never replaces a newer ring.
    public long Version { get; }
    public IReadOnlyDictionary<string, SecurityKey> VerificationKeys { get; }
    private IReadOnlyList<(ECDsaSecurityKey Key, DateTimeOffset? Until)> Published { get; }

    /// `Tokens:SigningKeyPem`: one static key, no rotation.
    public static SigningKeyRing FromPem(string pem)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(pem);
        if (ecdsa.KeySize != 256) throw new InvalidOperationException("Tokens:SigningKeyPem must be a P-256 key (ES256).");
        var key = new ECDsaSecurityKey(ecdsa) { KeyId = SigningKeyMaterial.Kid(ecdsa) };
        return new SigningKeyRing(key, key.KeyId, [(key, null)], rotatesAt: null);
    }

    public static SigningKeyRing FromSet(SigningKeySet set)
    {
        var current = ECDsa.Create();
        current.ImportPkcs8PrivateKey(set.CurrentPrivateKey, out _);
        var published = set.Keys.Select(k =>
        {
            if (k.Kid == set.CurrentKid) return (new ECDsaSecurityKey(current) { KeyId = k.Kid }, k.PublishedUntil);
            var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(k.PublicKey, out _);
            return (new ECDsaSecurityKey(ecdsa) { KeyId = k.Kid }, k.PublishedUntil);
        }).ToList();
        return new SigningKeyRing(published.Single(p => p.Item1.KeyId == set.CurrentKid).Item1, set.NextKid, published, set.RotatesAt, set.Version);
    }

    /// RFC 7517 JWKS: current, next, and retired keys until their tokens have expired.
    public JsonWebKeySetResponse Jwks(DateTimeOffset now) => new(
        [.. Published.Where(p => p.Until is null || p.Until > now).Select(p =>
        {
            var q = p.Key.ECDsa.ExportParameters(includePrivateParameters: false);
            return new JsonWebKeyResponse("EC", "P-256", Base64UrlEncoder.Encode(q.Q.X), Base64UrlEncoder.Encode(q.Q.Y),
                p.Key.KeyId, "sig", SecurityAlgorithms.EcdsaSha256);
        })]);
}
