namespace SecureAccess.Passwords;

/// SA-2: passwords are kept only as a salted memory-hard hash that carries its own parameters.
public interface IPasswordHasher
{
    string Hash(string password);
    bool Verify(string encodedHash, string password);

    /// True when the hash was made with weaker parameters than the service's own (re-hash at next sign-in).
    bool NeedsRehash(string encodedHash);

    /// A hash of nothing anyone knows, verified for unknown usernames so they take as long as real ones (SA-11).
    string DummyHash { get; }
}
