namespace SecureAccess.Codes;

/// A one-time code as kept in grain state: only its keyed hash, never the code (SA-6).
[GenerateSerializer]
public sealed class StoredCode
{
    [Id(0)] public string Hash { get; set; } = "";
    [Id(1)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(2)] public int WrongTries { get; set; }
    [Id(3)] public bool Used { get; set; }
}

public enum CodeCheck
{
    Matched,
    Wrong,
    /// Used, expired, or out of tries: no value can match any more.
    Dead,
}
