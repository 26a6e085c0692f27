using Microsoft.Extensions.Options;

namespace SecureAccess.Audit;

[GenerateSerializer]
public sealed class AuditLogState
{
    [Id(0)] public List<AuditEvent> Events { get; set; } = [];
}

/// One username's audit trail, oldest first, bounded to `AuditOptions.MaxEventsPerUser`. Written
/// before it answers, so an acknowledged event survives a restart once storage is persistent.
public sealed class AuditLogGrain(
    [PersistentState("audit", StorageNames.Default)] IPersistentState<AuditLogState> state,
    IOptions<AuditOptions> options)
    : Grain, IAuditLogGrain
{
    public async Task Append(AuditEvent auditEvent)
    {
        var events = state.State.Events;
        events.Add(auditEvent);
        var excess = events.Count - Math.Max(1, options.Value.MaxEventsPerUser);
        if (excess > 0) events.RemoveRange(0, excess);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<AuditEvent>> List() => Task.FromResult<IReadOnlyList<AuditEvent>>(state.State.Events.ToArray());
}
