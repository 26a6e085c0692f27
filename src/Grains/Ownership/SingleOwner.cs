using SecureAccess.Common;

namespace SecureAccess.Ownership;

/// SA-5 in one place: a claim by the owner is a no-op, a claim by anyone else is refused, and a
/// release by anyone but the owner changes nothing. The grain that holds the state is the single
/// decider, so racing claims have exactly one winner.
public static class SingleOwner
{
    public static async Task<Result<Done>> Claim(IPersistentState<OwnerState> state, string username, Failure taken)
    {
        if (state.State.Owner == username) return Done.Instance;
        if (state.State.Owner is not null) return taken;
        state.State.Owner = username;
        await state.WriteStateAsync();
        return Done.Instance;
    }

    public static async Task Release(IPersistentState<OwnerState> state, string username)
    {
        if (state.State.Owner != username) return;
        state.State.Owner = null;
        await state.ClearStateAsync();
    }
}
