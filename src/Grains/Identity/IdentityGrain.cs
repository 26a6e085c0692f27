using SecureAccess.Common;

namespace SecureAccess.Identity;

/// SA-4d: one Secure Access identity per SSN; keyed by the SSN's HMAC, never the SSN.
public sealed class IdentityGrain(
    [PersistentState("identity", StorageNames.Expiring)] IPersistentState<IdentityState> state)
    : Grain, IIdentityGrain
{
    private static readonly Failure AlreadyRegistered = new(ErrorCodes.IdentityAlreadyRegistered,
        "A Secure Access account already exists for this identity. Sign in, or recover your username or password.");

    public async Task<Result<Done>> Claim(Guid registrationId)
    {
        if (state.State.Username is not null) return AlreadyRegistered;
        if (state.State.PendingRegistrationId != registrationId)
        {
            // A person may abandon a registration and start again: the newest verified one wins.
            state.State.PendingRegistrationId = registrationId;
            await state.WriteStateAsync();
        }
        return Done.Instance;
    }

    public async Task<Result<Done>> Bind(Guid registrationId, string username)
    {
        if (state.State.Username == username) return Done.Instance;
        if (state.State.Username is not null || state.State.PendingRegistrationId != registrationId) return AlreadyRegistered;
        state.State.Username = username;
        await state.WriteStateAsync();
        return Done.Instance;
    }

    public async Task Abandon(Guid registrationId, string? boundUsername)
    {
        if (state.State.PendingRegistrationId != registrationId) return;
        state.State.PendingRegistrationId = null;
        if (boundUsername is not null && state.State.Username == boundUsername) state.State.Username = null;
        if (state.State.Username is null) await state.ClearStateAsync();
        else await state.WriteStateAsync();
    }

    public Task<string?> GetUsername() => Task.FromResult(state.State.Username);

    public async Task<Result<Done>> BindExisting(string username, string? replacing)
    {
        if (state.State.Username == username) return Done.Instance;
        if (state.State.Username is not null && state.State.Username != replacing) return AlreadyRegistered;
        state.State.Username = username;
        await state.WriteStateAsync();
        return Done.Instance;
    }

    public async Task ReleaseExisting(string username)
    {
        if (state.State.Username != username) return;
        state.State.Username = null;
        await state.WriteStateAsync();
    }
}
