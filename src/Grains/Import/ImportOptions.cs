namespace SecureAccess.Import;

/// SA-17/SA-18 import: the Argon2id costs an imported hash may carry. A hash beyond them is refused
/// at import, since every sign-in would pay its cost until the re-hash (SA-2).
public sealed class ImportOptions
{
    public const string Section = "SecureAccess:Import";
    public int MaxHashMemoryKiB { get; set; } = 256 * 1024;
    public int MaxHashIterations { get; set; } = 16;
    public int MaxHashParallelism { get; set; } = 16;
}
