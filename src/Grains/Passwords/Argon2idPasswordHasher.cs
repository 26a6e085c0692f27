using System.Text;
using Geralt;
using Microsoft.Extensions.Options;

namespace SecureAccess.Passwords;

/// Argon2id through libsodium (Geralt): PHC strings `$argon2id$v=19$m=…,t=…,p=1$salt$hash`,
/// the same format the reference `argon2` tool writes, so imported hashes verify as given.
public sealed class Argon2idPasswordHasher : IPasswordHasher
{
    private readonly int _memoryBytes;
    private readonly int _iterations;

    public Argon2idPasswordHasher(IOptions<PasswordHashingOptions> options)
    {
        _memoryBytes = checked(options.Value.MemoryKiB * 1024);
        _iterations = options.Value.Iterations;
        if (_memoryBytes < Argon2id.MinMemorySize || _iterations < Argon2id.MinIterations)
            throw new InvalidOperationException("SecureAccess:PasswordHashing is below Argon2id's minimum cost.");
        DummyHash = Hash(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
    }

    public string DummyHash { get; }

    public string Hash(string password)
    {
        Span<char> encoded = stackalloc char[Argon2id.HashSize];
        Argon2id.ComputeHash(encoded, Encoding.UTF8.GetBytes(password), _iterations, _memoryBytes);
        var end = encoded.IndexOf('\0');
        return new string(end < 0 ? encoded : encoded[..end]);
    }

    public bool Verify(string encodedHash, string password)
    {
        if (!encodedHash.StartsWith("$argon2id$", StringComparison.Ordinal)) return false;
        try
        {
            return Argon2id.VerifyHash(encodedHash, Encoding.UTF8.GetBytes(password));
        }
        catch (ArgumentException)
        {
            // A malformed stored hash is a failed verification, never a crash that reveals it.
            return false;
        }
    }

    public bool NeedsRehash(string encodedHash)
    {
        try { return Argon2id.NeedsRehash(encodedHash, _iterations, _memoryBytes); }
        catch (ArgumentException) { return true; }
    }
}
