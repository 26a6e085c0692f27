using SecureAccess.Common;

namespace SecureAccess.Identity;

/// One person, keyed by the keyed hash of their SSN (SA-4d): at most one Secure Access identity.
public interface IIdentityGrain : IGrainWithStringKey
{
    /// Refuses when a registered username already holds this identity; otherwise the latest
    /// verified registration becomes the one that may bind it.
    Task<Result<Done>> Claim(Guid registrationId);
    Task<Result<Done>> Bind(Guid registrationId, string username);
    Task Unbind(Guid registrationId, string username);
    Task<string?> GetUsername();
}
