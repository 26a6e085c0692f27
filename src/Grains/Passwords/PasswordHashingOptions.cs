namespace SecureAccess.Passwords;

/// SA-2: Argon2id cost. Defaults are OWASP's minimum for Argon2id (m=19 MiB, t=2, p=1).
public sealed class PasswordHashingOptions
{
    public const string Section = "SecureAccess:PasswordHashing";
    public int MemoryKiB { get; set; } = 19 * 1024;
    public int Iterations { get; set; } = 2;

    /// Dedicated hashing threads (see `PasswordHashing`); null means one per core, 0 hashes inline.
    public int? Threads { get; set; }
}
