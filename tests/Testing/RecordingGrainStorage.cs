using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Orleans.Storage;

namespace SecureAccess.Testing;

/// An in-memory grain storage that behaves like the production PostgreSQL provider
/// (src/Silo/Persistence/Schema/003_storage.sql), so a test sees what production would do:
/// - state goes through the same serializer (Orleans' binary format, OrleansGrainStorageSerializer);
/// - a write with a NULL ETag may only create the row; any other write or clear must carry the
///   row's current version, or it fails with InconsistentStateException;
/// - a clear keeps the row (payload gone) under a new version, so an activation still holding the
///   old ETag cannot resurrect it. A clear with no ETag at all does nothing when there is no row and
///   clears the row when there is one, as Orleans' ADO.NET provider does (Cluster.Tests/ETagTests
///   pins these behaviours on the real provider).
/// - as the deleting provider (StorageNames.Expiring, DeleteStateOnClear=true; `Deleting`), a clear
///   removes the row; a writer still holding its ETag is refused, and a later create starts afresh.
/// Tests read each row as JSON (a rendering of the deserialized state) and search the raw bytes too.
public sealed class RecordingGrainStorage : IGrainStorage
{
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = false };
    private readonly ConcurrentDictionary<string, Row> _rows = new();
    private readonly ConcurrentDictionary<string, int> _writes = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new();
    private IGrainStorageSerializer? _serializer;
    private int _version = Random.Shared.Next(1, 1_000_000);

    private sealed record Row(BinaryData? Payload, string? Json, string ETag);

    /// Set by the test host from the silo's services: the serializer production storage uses.
    public RecordingGrainStorage UseSerializer(IGrainStorageSerializer serializer)
    {
        _serializer = serializer;
        return this;
    }

    /// Registers this storage as the silo's default grain storage, with the serializer production uses,
    /// and its deleting view as the expiring one (one set of rows, like one table in PostgreSQL).
    public void RegisterIn(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddKeyedSingleton<IGrainStorage>(
            services, StorageNames.Default,
            (sp, _) => UseSerializer(Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(sp)));
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddKeyedSingleton<IGrainStorage>(
            services, StorageNames.Expiring,
            (sp, _) => UseSerializer(Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(sp)).Deleting);
    }

    /// The same rows seen through a provider whose clear deletes the row (StorageNames.Expiring).
    public IGrainStorage Deleting => _deleting ??= new DeletingView(this);
    private DeletingView? _deleting;

    private sealed class DeletingView(RecordingGrainStorage rows) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => rows.ReadStateAsync(stateName, grainId, grainState);
        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => rows.WriteStateAsync(stateName, grainId, grainState);
        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => rows.Clear(stateName, grainId, grainState, delete: true);
    }

    private IGrainStorageSerializer Serializer =>
        _serializer ?? throw new InvalidOperationException("RecordingGrainStorage needs the silo's IGrainStorageSerializer (UseSerializer).");

    /// Every row that holds state, as JSON; cleared rows are left out.
    public IReadOnlyDictionary<string, string> Snapshot() =>
        _rows.Where(r => r.Value.Json is not null).ToDictionary(r => r.Key, r => r.Value.Json!);

    /// Everything stored, for searching: each row's JSON rendering and its raw bytes as text.
    public string AllText() => string.Join("\n", _rows.Select(r =>
        $"{r.Key} {r.Value.Json} {(r.Value.Payload is { } bytes ? Encoding.UTF8.GetString(bytes.ToArray()) : "")}"));

    /// How many writes and clears reached this grain's state so far.
    /// Writes and clears of every row so far (issue 11's fuzz pass: a refused request changes nothing).
    public int TotalChanges => _writes.Values.Sum();

    /// Changes (writes and clears) of the rows whose key matches, e.g. every "user/…" row.
    public int ChangesWhere(Func<string, bool> key) => _writes.Where(w => key(w.Key)).Sum(w => w.Value);

    /// Issue 11: holds every write of this grain's state until the returned handle is disposed, so a
    /// test can show an answer did not wait for that write (no wall-clock timing involved).
    public IDisposable HoldWrites(string stateName, GrainId grainId)
    {
        var key = Key(stateName, grainId);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_holds.TryAdd(key, gate)) throw new InvalidOperationException($"Writes of {key} are already held.");
        return new Release(() => { _holds.TryRemove(key, out _); gate.TrySetResult(); });
    }

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }

    public int WriteCount(string stateName, GrainId grainId) => _writes.GetValueOrDefault(Key(stateName, grainId));

    /// The state as JSON, or null when nothing is stored (never written, or cleared).
    public string? Find(string stateName, GrainId grainId) => _rows.TryGetValue(Key(stateName, grainId), out var row) ? row.Json : null;

    /// The bytes stored for the grain, exactly as the serializer wrote them.
    public byte[]? RawPayload(string stateName, GrainId grainId) =>
        _rows.TryGetValue(Key(stateName, grainId), out var row) ? row.Payload?.ToArray() : null;

    /// True when a row exists for the grain, holding state or cleared (a tombstone).
    public bool HasRow(string stateName, GrainId grainId) => _rows.ContainsKey(Key(stateName, grainId));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_rows.TryGetValue(Key(stateName, grainId), out var row))
        {
            grainState.ETag = row.ETag;
            grainState.RecordExists = row.Payload is not null;
            grainState.State = row.Payload is { } payload ? Serializer.Deserialize<T>(payload) : Activator.CreateInstance<T>();
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        if (_holds.TryGetValue(key, out var hold)) await hold.Task;
        var payload = Serializer.Serialize(grainState.State);
        // The JSON view is made from what a reader would get back, so a member the binary format
        // dropped is missing here too.
        var json = JsonSerializer.Serialize(Serializer.Deserialize<T>(payload), Json);
        string etag;
        lock (_rows)
        {
            var exists = _rows.TryGetValue(key, out var row);
            if (grainState.ETag is null ? exists : !exists || row!.ETag != grainState.ETag)
                throw new InconsistentStateException($"ETag mismatch for {key}", row?.ETag ?? "", grainState.ETag ?? "");
            etag = NextVersion();
            _rows[key] = new Row(payload, json, etag);
        }
        _writes.AddOrUpdate(key, 1, (_, n) => n + 1);
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Clear(stateName, grainId, grainState, delete: false);

    private Task Clear<T>(string stateName, GrainId grainId, IGrainState<T> grainState, bool delete)
    {
        var key = Key(stateName, grainId);
        string etag;
        lock (_rows)
        {
            var exists = _rows.TryGetValue(key, out var row);
            if (!exists && grainState.ETag is null) return Task.CompletedTask;
            if (!exists || (grainState.ETag is not null && row!.ETag != grainState.ETag))
                throw new InconsistentStateException($"ETag mismatch for {key}", row?.ETag ?? "", grainState.ETag ?? "");
            etag = NextVersion();
            if (delete) _rows.TryRemove(key, out _);
            else _rows[key] = new Row(null, null, etag);
        }
        _writes.AddOrUpdate(key, 1, (_, n) => n + 1);
        grainState.ETag = delete ? null : etag;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
        return Task.CompletedTask;
    }

    private string NextVersion() => Interlocked.Increment(ref _version).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
}
