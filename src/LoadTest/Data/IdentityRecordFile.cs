namespace SecureAccess.LoadTest.Data;

/// Reads identity records in the fixtures format: a JSON array of records, any length.
public static class IdentityRecordFile
{
    public static async Task<IReadOnlyList<IdentityRecord>> ReadAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Identity records file not found: {path}", path);
        }

        return await JsonFiles.ReadAsync<List<IdentityRecord>>(path, ct).ConfigureAwait(false);
    }
}
