using System.Collections.Concurrent;
using System.Text.Json;
using Orleans.Storage;

namespace SecureAccess.Testing;

/// An in-memory grain storage that keeps each state as JSON text, so tests can read exactly what a
/// real provider would persist and search it for secrets. ETags are checked like a real provider's:
/// a write with a stale ETag throws instead of overwriting.
public sealed class RecordingGrainStorage : IGrainStorage
{
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = false };
    private readonly ConcurrentDictionary<string, (string Json, string ETag)> _rows = new();
    private readonly ConcurrentDictionary<string, int> _writes = new();
    private long _version;

    public IReadOnlyDictionary<string, string> Snapshot() => _rows.ToDictionary(r => r.Key, r => r.Value.Json);

    public string AllText() => string.Join("\n", _rows.Select(r => r.Key + " " + r.Value.Json));

    /// How many writes and clears reached this grain's state so far.
    /// Writes and clears of every row so far (issue 11's fuzz pass: a refused request changes nothing).
    public int TotalChanges => _writes.Values.Sum();

    public int WriteCount(string stateName, GrainId grainId) => _writes.GetValueOrDefault(Key(stateName, grainId));

    public string? Find(string stateName, GrainId grainId) => _rows.TryGetValue(Key(stateName, grainId), out var row) ? row.Json : null;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_rows.TryGetValue(Key(stateName, grainId), out var row))
        {
            grainState.State = JsonSerializer.Deserialize<T>(row.Json, Json)!;
            grainState.ETag = row.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        var etag = Interlocked.Increment(ref _version).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var json = JsonSerializer.Serialize(grainState.State, Json);
        lock (_rows)
        {
            var current = _rows.TryGetValue(key, out var row) ? row.ETag : null;
            if (current != grainState.ETag)
                throw new InconsistentStateException($"ETag mismatch for {key}", current ?? "", grainState.ETag ?? "");
            _rows[key] = (json, etag);
        }
        _writes.AddOrUpdate(key, 1, (_, n) => n + 1);
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        lock (_rows)
        {
            var current = _rows.TryGetValue(key, out var row) ? row.ETag : null;
            if (current != grainState.ETag)
                throw new InconsistentStateException($"ETag mismatch for {key}", current ?? "", grainState.ETag ?? "");
            _rows.TryRemove(key, out _);
        }
        _writes.AddOrUpdate(key, 1, (_, n) => n + 1);
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
}
