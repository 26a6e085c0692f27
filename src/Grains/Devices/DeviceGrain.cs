using SecureAccess.Common;

namespace SecureAccess.Devices;

/// SA-5: an authenticator installation (device id) belongs to at most one user; one grain decides.
public sealed class DeviceGrain(
    [PersistentState("device", StorageNames.Default)] IPersistentState<DeviceState> state)
    : Grain, IDeviceGrain
{
    public Task<string?> GetOwner() => Task.FromResult(state.State.Owner);

    public async Task<Result<Done>> Claim(string username)
    {
        if (state.State.Owner == username) return Done.Instance;
        if (state.State.Owner is not null)
            return new Failure(ErrorCodes.DeviceInUse, "This authenticator device is already enrolled for another account.", "deviceId");
        state.State.Owner = username;
        await state.WriteStateAsync();
        return Done.Instance;
    }

    public async Task Release(string username)
    {
        if (state.State.Owner != username) return;
        state.State.Owner = null;
        await state.ClearStateAsync();
    }
}
