using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SecureAccess.Hosting;
using SecureAccess.Testing;

namespace SecureAccess.Grains.Tests.Storage;

/// The tests' grain storage must refuse what PostgreSQL refuses (src/Silo/Persistence/Schema/003_storage.sql,
/// checked against the real provider in Cluster.Tests/ETagTests), or a grain bug that only production
/// would hit passes here. Issue 12, "Tests that match production".
[Collection(ClusterCollection.Name)]
public sealed class RecordingGrainStorageTests(ClusterFixture fixture)
{
    private const string StateName = "storage-test";

    private IGrainStorage Storage => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);

    private async Task<GrainState<Dictionary<string, string>>> Read(GrainId grain)
    {
        var state = new GrainState<Dictionary<string, string>>([]);
        await Storage.ReadStateAsync(StateName, grain, state);
        return state;
    }

    private static GrainId NewGrain() => GrainId.Create("storagetest", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task State_is_stored_in_Orleans_binary_format_not_json()
    {
        var grain = NewGrain();
        var state = await Read(grain);
        state.State!["owner"] = "alice";
        await Storage.WriteStateAsync(StateName, grain, state);

        Assert.Equal("alice", (await Read(grain)).State!["owner"]);   // round trip through the real serializer
        var raw = fixture.Storage.RawPayload(StateName, grain)!;
        Assert.Contains("alice", System.Text.Encoding.UTF8.GetString(raw));
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => System.Text.Json.JsonDocument.Parse(raw));
    }

    [Fact]
    public async Task A_clear_keeps_the_row_under_a_new_ETag_so_a_stale_writer_cannot_resurrect_it()
    {
        var grain = NewGrain();
        var alice = await Read(grain);
        alice.State!["owner"] = "alice";
        await Storage.WriteStateAsync(StateName, grain, alice);
        var stale = await Read(grain);

        await Storage.ClearStateAsync(StateName, grain, alice);
        Assert.True(fixture.Storage.HasRow(StateName, grain));
        Assert.Null(fixture.Storage.Find(StateName, grain));
        Assert.NotNull(alice.ETag);
        Assert.NotEqual(stale.ETag, alice.ETag);

        stale.State!["owner"] = "mallory";
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grain, stale));
        var fresh = new GrainState<Dictionary<string, string>>([]) { ETag = null };
        fresh.State!["owner"] = "mallory";
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grain, fresh)); // the tombstone exists

        var reread = await Read(grain);                  // a reader after the clear holds the tombstone's version…
        Assert.False(reread.RecordExists);
        reread.State!["owner"] = "bob";
        await Storage.WriteStateAsync(StateName, grain, reread);  // …and may write
        Assert.Equal("bob", (await Read(grain)).State!["owner"]);
    }

    [Fact]
    public async Task Clearing_what_was_never_written_leaves_no_row_and_a_stale_clear_is_a_conflict()
    {
        var grain = NewGrain();
        var never = await Read(grain);
        await Storage.ClearStateAsync(StateName, grain, never);
        Assert.False(fixture.Storage.HasRow(StateName, grain));

        var alice = await Read(grain);
        alice.State!["owner"] = "alice";
        await Storage.WriteStateAsync(StateName, grain, alice);
        var stale = await Read(grain);
        alice.State!["owner"] = "bob";
        await Storage.WriteStateAsync(StateName, grain, alice);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, grain, stale));
        Assert.Contains("bob", fixture.Storage.Find(StateName, grain));
    }
}
