using SecureAccess.Common;
using SecureAccess.Ownership;

namespace SecureAccess.Devices;

/// SA-5: an authenticator installation (device id) belongs to at most one user; one grain decides.
public sealed class DeviceGrain(
    [PersistentState("device", StorageNames.Default)] IPersistentState<OwnerState> state)
    : Grain, IDeviceGrain
{
    private static readonly Failure InUse = new(ErrorCodes.DeviceInUse, "This authenticator device is already enrolled for another account.", "deviceId");

    public Task<string?> GetOwner() => Task.FromResult(state.State.Owner);

    public Task<Result<Done>> Claim(string username) => SingleOwner.Claim(state, username, InUse);

    public Task Release(string username) => SingleOwner.Release(state, username);
}
