using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SecureAccess.Security;

/// SA-4d: the SSN is kept only as an HMAC under a configured key (plus its last 4 digits).
public sealed class SsnHasher
{
    private readonly byte[] _key;

    public SsnHasher(IOptions<SecretKeysOptions> options) => _key = KeyMaterial.Decode(options.Value.SsnHmacKey, nameof(SecretKeysOptions.SsnHmacKey));

    public string Hash(string ssn) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(Digits(ssn))));

    public static string Digits(string ssn) => new(ssn.Where(char.IsAsciiDigit).ToArray());

    public static string Last4(string ssn) => Digits(ssn)[^4..];
}
