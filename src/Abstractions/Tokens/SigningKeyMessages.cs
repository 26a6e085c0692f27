namespace SecureAccess.Tokens;

/// Where a key stands in its life: `Next` is published ahead of use so products holding a cached
/// JWKS already know it when it starts signing; `Retired` is published until its tokens expire.
public enum SigningKeyStatus { Current, Next, Retired }

/// One key as gateways see it: the public half (SubjectPublicKeyInfo DER) and its JWKS lifetime.
[GenerateSerializer, Immutable]
public sealed record PublishedSigningKey(
    [property: Id(0)] string Kid,
    [property: Id(1)] SigningKeyStatus Status,
    [property: Id(2)] byte[] PublicKey,
    [property: Id(3)] DateTimeOffset? PublishedUntil);

/// What a gateway needs: the current key's private half (PKCS#8 DER, only over the cluster's own
/// connection, never stored in clear) and every public key to verify and to publish. `RotatesAt` is
/// when the schedule makes the next key current: a gateway re-reads the set then, by the service clock.
/// `Version` grows with every change, so a gateway never replaces a newer set with an older read.
[GenerateSerializer, Immutable]
public sealed record SigningKeySet(
    [property: Id(0)] string CurrentKid,
    [property: Id(1)] string NextKid,
    [property: Id(2)] byte[] CurrentPrivateKey,
    [property: Id(3)] IReadOnlyList<PublishedSigningKey> Keys,
    [property: Id(4)] DateTimeOffset CurrentSince,
    [property: Id(5)] DateTimeOffset RotatesAt,
    [property: Id(6)] long Version)
{
    /// Keeps the private key out of logs and exception messages.
    public override string ToString() => $"SigningKeySet {{ CurrentKid = {CurrentKid}, NextKid = {NextKid}, Keys = {Keys.Count} }}";
}
