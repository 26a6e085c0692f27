using SecureAccess.Common;

namespace SecureAccess.Transcripts;

/// SA-21: one professional's authorizations for one client. An authorization holds through the whole
/// of its `expiresOn` day (UTC) and ends at the next midnight; a revoked one ends at once.
public sealed class ClientAuthorizationGrain(
    [PersistentState("client-authorization", StorageNames.Default)] IPersistentState<ClientAuthorizationState> state,
    TimeProvider clock)
    : Grain, IClientAuthorizationGrain
{
    public async Task<Result<Done>> Record(ClientAuthorization authorization)
    {
        if (state.State.Authorizations.Any(a => a.AuthorizationId == authorization.AuthorizationId)) return Done.Instance; // a retried call
        state.State.Authorizations.Add(new StoredClientAuthorization
        {
            AuthorizationId = authorization.AuthorizationId,
            ClientSsnLast4 = authorization.ClientSsnLast4,
            Form = authorization.Form,
            ExpiresOn = authorization.ExpiresOn,
            RecordedAt = clock.GetUtcNow(),
        });
        await state.WriteStateAsync();
        return Done.Instance;
    }

    public async Task<Result<Done>> Revoke(Guid authorizationId)
    {
        var found = state.State.Authorizations.FirstOrDefault(a => a.AuthorizationId == authorizationId);
        if (found is null) return Failure.NotFound("client authorization");
        if (found.RevokedAt is not null) return Done.Instance;
        found.RevokedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        return Done.Instance;
    }

    public Task<bool> IsAuthorized()
    {
        var now = clock.GetUtcNow();
        return Task.FromResult(state.State.Authorizations.Any(a => a.RevokedAt is null && now < EndOf(a.ExpiresOn)));
    }

    /// The first instant after the expiry day.
    public static DateTimeOffset EndOf(DateOnly expiresOn) => new(expiresOn.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}

/// The id → pair index that lets an operator revoke by the id alone.
public sealed class ClientAuthorizationRefGrain(
    [PersistentState("client-authorization-ref", StorageNames.Default)] IPersistentState<ClientAuthorizationRefState> state,
    Audit.IAuditTrail audit)
    : Grain, IClientAuthorizationRefGrain
{
    public async Task<Result<Done>> Revoke()
    {
        if (!state.RecordExists) return Failure.NotFound("client authorization");
        var id = this.GetPrimaryKey();
        var revoked = await GrainFactory.GetGrain<IClientAuthorizationGrain>(state.State.PairKey).Revoke(id);
        if (revoked.Succeeded)
            await audit.Record(ClientAuthorizationKeys.ProfessionalOf(state.State.PairKey), Audit.AuditEvents.ClientAuthorizationRevoked, $"client authorization {id} revoked by an operator (SA-21)");
        return revoked;
    }

    public async Task<Result<Done>> Point(string pairKey)
    {
        if (state.RecordExists) return state.State.PairKey == pairKey ? Done.Instance : Failure.Invalid("authorizationId", "Already used.");
        state.State.PairKey = pairKey;
        await state.WriteStateAsync();
        return Done.Instance;
    }

    public Task<string?> GetPairKey() => Task.FromResult(state.RecordExists ? state.State.PairKey : null);
}
