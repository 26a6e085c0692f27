using SecureAccess.Audit;
using SecureAccess.Testing;

namespace SecureAccess.Grains.Tests.Audit;

/// The audit trail (SPEC §6) is stored in chunks so an append costs the same however long the trail
/// is (docs/benchmarks.md P2); what an operator reads must not change because of that.
[Collection(ClusterCollection.Name)]
public sealed class AuditTrailStorageTests(ClusterFixture fixture)
{
    private const int MaxEvents = 500;   // AuditOptions defaults
    private const int ChunkSize = 25;

    private static AuditEvent Event(string subject, int n) =>
        new(TestSettings.Start.AddSeconds(n), AuditEvents.SignInFailed, subject, "127.0.0.1", $"event {n}");

    private async Task<string> TrailOf(int events)
    {
        var subject = Unique.Username("audit");
        var trail = fixture.Client.GetGrain<IAuditLogGrain>(subject);
        for (var n = 1; n <= events; n++) await trail.Append(Event(subject, n));
        return subject;
    }

    /// Stored rows of one subject: the trail's own ("audit/…/subject") and its chunks ("auditchunk/…+subject").
    private List<KeyValuePair<string, string>> RowsOf(string subject) => fixture.Storage.Snapshot()
        .Where(r => r.Key.EndsWith("/" + subject, StringComparison.Ordinal) || r.Key.EndsWith("+" + subject, StringComparison.Ordinal))
        .ToList();

    [Theory]
    [InlineData(1)]
    [InlineData(ChunkSize - 1)]
    [InlineData(ChunkSize)]
    [InlineData(ChunkSize + 1)]
    [InlineData(3 * ChunkSize + 7)]
    public async Task Every_event_is_listed_once_oldest_first(int count)
    {
        var subject = await TrailOf(count);
        var listed = await fixture.Client.GetGrain<IAuditLogGrain>(subject).List();
        Assert.Equal(Enumerable.Range(1, count).Select(n => $"event {n}"), listed.Select(e => e.Detail));
    }

    [Fact] // issue 11: security events stay listed, in time order, after the window has moved past them
    public async Task Security_events_are_kept_beyond_the_window_each_kind_apart()
    {
        var subject = Unique.Username("audit");
        var trail = fixture.Client.GetGrain<IAuditLogGrain>(subject);
        AuditEvent At(int n, string name) => new(TestSettings.Start.AddSeconds(n), name, subject, "127.0.0.1", $"{name} {n}");
        await trail.Append(At(1, AuditEvents.LockoutEngaged));
        await trail.Append(At(2, AuditEvents.PasswordChanged));
        for (var n = 0; n < 21; n++) await trail.Append(At(3 + n, AuditEvents.RecoveryStarted)); // one over the per-kind 20
        for (var n = 0; n < MaxEvents; n++) await trail.Append(Event(subject, 100 + n));

        var listed = await trail.List();
        Assert.Equal(MaxEvents + 2 + 20, listed.Count); // the window, plus each kind's newest 20 — the oldest recovery is gone
        Assert.Equal([$"{AuditEvents.LockoutEngaged} 1", $"{AuditEvents.PasswordChanged} 2", $"{AuditEvents.RecoveryStarted} 4"], listed.Take(3).Select(e => e.Detail));
        Assert.Equal(listed.OrderBy(e => e.At).Select(e => e.Detail), listed.Select(e => e.Detail));

        // While a security event is still inside the window it is listed once.
        var fresh = Unique.Username("audit");
        await fixture.Client.GetGrain<IAuditLogGrain>(fresh).Append(new(TestSettings.Start, AuditEvents.LockoutEngaged, fresh, "127.0.0.1", "locked"));
        Assert.Single(await fixture.Client.GetGrain<IAuditLogGrain>(fresh).List());
    }

    [Fact]
    public async Task Only_the_newest_events_are_kept_and_older_chunks_are_deleted()
    {
        const int appended = MaxEvents + 3 * ChunkSize + 10;
        var subject = await TrailOf(appended);

        var listed = await fixture.Client.GetGrain<IAuditLogGrain>(subject).List();
        Assert.Equal(Enumerable.Range(appended - MaxEvents + 1, MaxEvents).Select(n => $"event {n}"), listed.Select(e => e.Detail));

        var rows = RowsOf(subject);
        var chunkRows = rows.Where(r => r.Key.StartsWith("auditchunk/", StringComparison.Ordinal)).ToList();
        Assert.Equal(MaxEvents / ChunkSize, chunkRows.Count); // the three oldest chunks are gone
        Assert.DoesNotContain(chunkRows, r => r.Value.Contains("\"event 1\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_append_rewrites_at_most_one_chunk_of_events_however_long_the_trail()
    {
        var subject = await TrailOf(MaxEvents + 2 * ChunkSize);
        var trailRow = RowsOf(subject).Single(r => r.Key.StartsWith("audit/", StringComparison.Ordinal));
        var eventsInRow = trailRow.Value.Split("\"Detail\"").Length - 1;
        Assert.InRange(eventsInRow, 0, ChunkSize - 1);
    }
}
