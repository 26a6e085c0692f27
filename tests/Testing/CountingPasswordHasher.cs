using SecureAccess.Passwords;

namespace SecureAccess.Testing;

/// The real hasher, counting how often a hash is verified and against which stored hash.
public sealed class CountingPasswordHasher(IPasswordHasher inner) : IPasswordHasher
{
    private int _verifications;
    private int _dummyVerifications;

    public int Verifications => Volatile.Read(ref _verifications);
    public int DummyVerifications => Volatile.Read(ref _dummyVerifications);
    public string DummyHash => inner.DummyHash;

    public string Hash(string password) => inner.Hash(password);
    public bool NeedsRehash(string encodedHash) => inner.NeedsRehash(encodedHash);

    public bool Verify(string encodedHash, string password)
    {
        Interlocked.Increment(ref _verifications);
        if (encodedHash == inner.DummyHash) Interlocked.Increment(ref _dummyVerifications);
        return inner.Verify(encodedHash, password);
    }
}
