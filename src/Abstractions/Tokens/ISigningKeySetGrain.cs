using SecureAccess.Common;
namespace SecureAccess.Tokens;

/// The cluster's token-signing keys (ES256, P-256), one grain (key 0) for the whole cluster, so
/// every gateway signs and verifies with the same keys without a PEM copied by hand (issue 10).
/// Private keys are sealed at rest with `SecureAccess:Keys:EncryptionKey`.
public interface ISigningKeySetGrain : IGrainWithIntegerKey
{
    /// The set as it stands now: made on first use, rotated when the schedule says so.
    [SafeToRepeat]
    Task<SigningKeySet> Get();

    /// An operator's rotation: next becomes current, current retires, a new next is made.
    Task<SigningKeySet> Rotate();
}
