using SecureAccess.Common;
using SecureAccess.Ownership;

namespace SecureAccess.Phones;

/// SA-5: a number belongs to at most one user. Being one grain, it serialises racing claims: one wins.
public sealed class PhoneNumberGrain(
    [PersistentState("phone", StorageNames.Default)] IPersistentState<OwnerState> state)
    : Grain, IPhoneNumberGrain
{
    private static readonly Failure InUse = new(ErrorCodes.PhoneInUse, "This phone number is already in use by another account.", "phoneNumber");

    public Task<string?> GetOwner() => Task.FromResult(state.State.Owner);

    public Task<Result<Done>> Claim(string username) => SingleOwner.Claim(state, username, InUse);

    public Task Release(string username) => SingleOwner.Release(state, username);

    public async Task<Result<Done>> Transfer(string from, string to)
    {
        if (state.State.Owner == to) return Done.Instance;
        if (state.State.Owner is not null && state.State.Owner != from)
            return InUse;
        state.State.Owner = to;
        await state.WriteStateAsync();
        return Done.Instance;
    }
}
