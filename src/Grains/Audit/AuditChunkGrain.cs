namespace SecureAccess.Audit;

[GenerateSerializer]
public sealed class AuditChunkState
{
    [Id(0)] public List<AuditEvent> Events { get; set; } = [];
}

/// One full chunk of an audit trail. It is written when the trail seals it and read only when an
/// operator lists the trail, so it leaves memory as soon as it has answered.
public sealed class AuditChunkGrain(
    [PersistentState("auditchunk", StorageNames.Expiring)] IPersistentState<AuditChunkState> state)
    : Grain, IAuditChunkGrain
{
    public async Task Store(IReadOnlyList<AuditEvent> events)
    {
        state.State.Events = [.. events];
        await state.WriteStateAsync();
        DeactivateOnIdle();
    }

    public Task<IReadOnlyList<AuditEvent>> List()
    {
        DeactivateOnIdle();
        return Task.FromResult<IReadOnlyList<AuditEvent>>(state.State.Events.ToArray());
    }

    public async Task Drop()
    {
        if (state.RecordExists) await state.ClearStateAsync();
        DeactivateOnIdle();
    }
}
