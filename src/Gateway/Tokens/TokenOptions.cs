namespace SecureAccess.Gateway.Tokens;

public sealed class TokenOptions
{
    public const string Section = "Tokens";
    public string Issuer { get; set; } = "secure-access";
    public string Audience { get; set; } = "e-services";

    /// Explicit override: PEM of one ES256 (P-256) private key that every gateway signs with, with a
    /// `kid` derived from it (RFC 7638 thumbprint), and no rotation. Empty (the default): the
    /// cluster's key set (ISigningKeySetGrain) is used, shared by every gateway and rotated.
    public string SigningKeyPem { get; set; } = "";

    /// How often a gateway re-reads the cluster's key set (a token with an unknown `kid` makes it
    /// re-read at once, at most once per `UnknownKidRefreshInterval`).
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan UnknownKidRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// Issue 13: verified tokens a gateway keeps in memory (each until its token expires); 0 turns the cache off.
    public int VerifiedTokenCacheSize { get; set; } = 100_000;

    /// How often a gateway renews its subscription to session revocations, and how long after its
    /// last confirmed renewal it still trusts its cache; past that it asks the user grain each time.
    public TimeSpan RevocationRenewInterval { get; set; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan RevocationTrustWindow { get; set; } = TimeSpan.FromMilliseconds(800);
}
