namespace SecureAccess.Security;

/// Server-side keys (base64, at least 32 bytes each). Every silo of a cluster needs the same values:
/// the SSN key makes SA-4d's one-identity-per-SSN stable, the code key makes stored codes checkable anywhere.
public sealed class SecretKeysOptions
{
    public const string Section = "SecureAccess:Keys";
    public string CodeHmacKey { get; set; } = "";
    public string SsnHmacKey { get; set; } = "";
    public string EncryptionKey { get; set; } = "";

    /// Keys shipped in appsettings.Development.json; a Production host refuses to start with them.
    public const string DevelopmentMarker = "DEVELOPMENT-ONLY";
}
