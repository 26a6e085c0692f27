namespace SecureAccess.Gateway.Tokens;

public sealed class TokenOptions
{
    public const string Section = "Tokens";
    public string Issuer { get; set; } = "secure-access";
    public string Audience { get; set; } = "e-services";

    /// PEM of the ES256 (P-256) private key. Every gateway of a cluster needs the same one; dev mode
    /// makes a fresh key at start when this is empty (tokens then die with the process, like its data).
    public string SigningKeyPem { get; set; } = "";
}
