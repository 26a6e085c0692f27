using SecureAccess.Common;

namespace SecureAccess.Devices;

/// One authenticator-app installation, keyed by its device id. Decides which user owns it (SA-5, SA-8).
public interface IDeviceGrain : IGrainWithStringKey
{
    Task<string?> GetOwner();
    Task<Result<Done>> Claim(string username);
    Task Release(string username);
}
