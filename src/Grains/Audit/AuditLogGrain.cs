using Microsoft.Extensions.Options;

namespace SecureAccess.Audit;

[GenerateSerializer]
public sealed class AuditLogState
{
    /// The newest events, not yet sealed into a chunk (fewer than `EventsPerChunk`).
    [Id(0)] public List<AuditEvent> Events { get; set; } = [];
    /// Chunks sealed so far; chunk n is `IAuditChunkGrain` (n, subject).
    [Id(1)] public long SealedChunks { get; set; }
    /// The oldest chunk still kept; older ones were dropped.
    [Id(2)] public long FirstKeptChunk { get; set; }
    /// Issue 11: the newest security events of each kind, kept whatever the window has dropped.
    [Id(3)] public List<AuditEvent> Security { get; set; } = [];
}

/// One username's audit trail, oldest first, bounded to `AuditOptions.MaxEventsPerUser`. Written
/// before it answers, so an acknowledged event survives a restart once storage is persistent.
/// An append writes only the open chunk (at most `EventsPerChunk` events) and, when that fills,
/// the chunk once more as a sealed `AuditChunkGrain`: its cost does not grow with the trail.
/// A trail is written in bursts (a sign-in appends twice within seconds) and rarely read, so it
/// leaves memory after 2 idle minutes (Orleans wants more than its 1-min collection quantum) instead of 15: every
/// attempt on an unknown username activates one (SA-11), and an enumeration must not fill the silo.
[CollectionAgeLimit(Minutes = 2)]
public sealed class AuditLogGrain(
    [PersistentState("audit", StorageNames.Expiring)] IPersistentState<AuditLogState> state,
    IOptions<AuditOptions> options)
    : Grain, IAuditLogGrain
{
    private AuditLogState Trail => state.State;
    private string Subject => this.GetPrimaryKeyString();
    private int ChunkSize => Math.Max(1, options.Value.EventsPerChunk);
    private int MaxEvents => Math.Max(1, options.Value.MaxEventsPerUser);

    /// Enough sealed chunks that, with the open one, the newest `MaxEvents` are always kept.
    private long ChunksKept => (MaxEvents + ChunkSize - 1) / ChunkSize;

    public async Task Append(AuditEvent auditEvent)
    {
        Trail.Events.Add(auditEvent);
        if (SecurityEvents.Kinds.Contains(auditEvent.Event)) KeepSecurityEvent(auditEvent);
        if (Trail.Events.Count >= ChunkSize)
        {
            // Sealed first, then the trail's own row: after a crash in between, the next seal
            // rewrites the same chunk number with the events the trail still holds.
            await Chunk(Trail.SealedChunks).Store(Trail.Events);
            Trail.SealedChunks++;
            Trail.Events = [];
            while (Trail.SealedChunks - Trail.FirstKeptChunk > ChunksKept)
            {
                await Chunk(Trail.FirstKeptChunk).Drop();
                Trail.FirstKeptChunk++;
            }
        }
        await state.WriteStateAsync();
    }

    public async Task<IReadOnlyList<AuditEvent>> List()
    {
        var chunks = await Task.WhenAll(Enumerable.Range(0, (int)(Trail.SealedChunks - Trail.FirstKeptChunk))
            .Select(i => Chunk(Trail.FirstKeptChunk + i).List()));
        var events = chunks.SelectMany(c => c).Concat(Trail.Events).ToList();
        var window = events.Count > MaxEvents ? events[^MaxEvents..] : events;
        // Security events the window has dropped come back in time order (a stable sort keeps ties as appended).
        var listed = window.ToHashSet();
        var dropped = Trail.Security.Where(e => !listed.Contains(e)).ToList();
        return dropped.Count == 0 ? window : dropped.Concat(window).OrderBy(e => e.At).ToList();
    }

    public async Task Forget()
    {
        for (var n = Trail.FirstKeptChunk; n < Trail.SealedChunks; n++) await Chunk(n).Drop();
        if (state.RecordExists) await state.ClearStateAsync(); // last: a forget cut short is done again
        DeactivateOnIdle();
    }

    private void KeepSecurityEvent(AuditEvent auditEvent)
    {
        Trail.Security.Add(auditEvent);
        var sameKind = Trail.Security.Where(e => e.Event == auditEvent.Event).ToList();
        var keep = Math.Max(0, options.Value.SecurityEventsKeptPerKind);
        foreach (var old in sameKind.Take(sameKind.Count - keep)) Trail.Security.Remove(old);
    }

    private IAuditChunkGrain Chunk(long number) => GrainFactory.GetGrain<IAuditChunkGrain>(number, Subject);
}
