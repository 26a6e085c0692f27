using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SecureAccess.Security;

/// HMAC-SHA256 under the server's code key. `purpose` is part of the MAC, so a hash made for one
/// kind of code never matches in another context.
public sealed class KeyedHasher
{
    private readonly byte[] _key;

    public KeyedHasher(IOptions<SecretKeysOptions> options) => _key = KeyMaterial.Decode(options.Value.CodeHmacKey, nameof(SecretKeysOptions.CodeHmacKey));

    public string Hash(string purpose, string value) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(purpose + "\n" + value)));

    public bool Matches(string purpose, string candidate, string storedHash)
    {
        Span<byte> expected = stackalloc byte[32];
        if (!Convert.TryFromBase64String(storedHash, expected, out var written) || written != 32) return false;
        var actual = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(purpose + "\n" + candidate));
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
