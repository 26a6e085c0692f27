namespace SecureAccess.Tokens;

[GenerateSerializer]
public sealed class SigningKeySetState
{
    [Id(0)] public List<StoredSigningKey> Keys { get; set; } = [];

    /// Grows with every change of the set (creation, rotation, a retired key dropped).
    [Id(1)] public long Version { get; set; }
}

/// One key at rest: the private half sealed with SecretBox (AES-GCM, `EncryptionKey`), never in clear.
[GenerateSerializer]
public sealed class StoredSigningKey
{
    [Id(0)] public string Kid { get; set; } = "";
    [Id(1)] public SigningKeyStatus Status { get; set; }
    [Id(2)] public string SealedPrivateKey { get; set; } = "";
    [Id(3)] public byte[] PublicKey { get; set; } = [];
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    [Id(5)] public DateTimeOffset? CurrentSince { get; set; }
    [Id(6)] public DateTimeOffset? RetiredAt { get; set; }
}
