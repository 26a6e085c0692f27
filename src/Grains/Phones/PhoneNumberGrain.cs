using SecureAccess.Common;

namespace SecureAccess.Phones;

/// SA-5: a number belongs to at most one user. Being one grain, it serialises racing claims: one wins.
public sealed class PhoneNumberGrain(
    [PersistentState("phone", StorageNames.Default)] IPersistentState<PhoneNumberState> state)
    : Grain, IPhoneNumberGrain
{
    public Task<string?> GetOwner() => Task.FromResult(state.State.Owner);

    public async Task<Result<Done>> Claim(string username)
    {
        if (state.State.Owner == username) return Done.Instance;
        if (state.State.Owner is not null)
            return new Failure(ErrorCodes.PhoneInUse, "This phone number is already in use by another account.", "phoneNumber");
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
