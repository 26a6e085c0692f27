namespace SecureAccess.Passwords;

/// SA-2: Argon2id cost. Defaults are OWASP's minimum for Argon2id (m=19 MiB, t=2, p=1).
public sealed class PasswordHashingOptions
{
    public const string Section = "SecureAccess:PasswordHashing";
    public int MemoryKiB { get; set; } = 19 * 1024;
    public int Iterations { get; set; } = 2;

    /// Dedicated hashing threads (see `PasswordHashing`); null means one per core, 0 hashes inline.
    public int? Threads { get; set; }

    /// Hashes that may wait for a hashing thread (issue 11); past it new work is shed with
    /// `HashingOverloadedException` (503 + Retry-After). Null means 50 per thread: about 2 s of work
    /// at this machine's ~40 ms per Argon2id hash, so an admitted attempt never waits longer than that.
    public int? QueueLimit { get; set; }

    /// The longest a new hash may expect to wait (queue ahead × the measured time per hash ÷ threads);
    /// past it new work is shed too. This follows the machine's real hash rate, which a fixed
    /// `QueueLimit` cannot: on a busy 2-core host Argon2id ran at ~30/s, not the idle ~50/s.
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromMilliseconds(500);

    /// What a shed request is told to wait (Retry-After).
    public TimeSpan OverloadRetryAfter { get; set; } = TimeSpan.FromSeconds(2);
}
