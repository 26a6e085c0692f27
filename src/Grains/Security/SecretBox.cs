using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace SecureAccess.Security;

/// Secrets at rest (SA-8's authenticator keys, letter codes awaiting print): AES-256-GCM under
/// `SecureAccess:Keys:EncryptionKey`, with a random nonce per value and a purpose bound in as
/// associated data, so a value sealed for one use cannot be opened as another.
public sealed class SecretBox
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    public SecretBox(IOptions<SecretKeysOptions> options) =>
        _key = KeyMaterial.Decode(options.Value.EncryptionKey, nameof(SecretKeysOptions.EncryptionKey))[..32];

    public string Seal(string purpose, byte[] plaintext)
    {
        var sealedBytes = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), System.Text.Encoding.UTF8.GetBytes(purpose));
        return Convert.ToBase64String(sealedBytes);
    }

    public byte[] Open(string purpose, string sealedValue)
    {
        var sealedBytes = Convert.FromBase64String(sealedValue);
        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plaintext, System.Text.Encoding.UTF8.GetBytes(purpose));
        return plaintext;
    }
}
