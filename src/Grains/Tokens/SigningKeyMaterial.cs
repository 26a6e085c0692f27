using System.Security.Cryptography;
using System.Text;

namespace SecureAccess.Tokens;

/// Making ES256 (P-256) keys and naming them.
public static class SigningKeyMaterial
{
    public static (byte[] PrivateKey, byte[] PublicKey, string Kid) Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (key.ExportPkcs8PrivateKey(), key.ExportSubjectPublicKeyInfo(), Kid(key));
    }

    /// RFC 7638 JWK thumbprint (base64url SHA-256 of the canonical public JWK): the same key always
    /// gets the same `kid`, in the grain and for a key given as `Tokens:SigningKeyPem`.
    public static string Kid(ECDsa key)
    {
        var p = key.ExportParameters(includePrivateParameters: false);
        var canonical = $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{Base64Url(p.Q.X!)}\",\"y\":\"{Base64Url(p.Q.Y!)}\"}}";
        return Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
