namespace SecureAccess.LoadTest.Data;

public static class UsersFile
{
    public static async Task<IReadOnlyList<UserAccount>> ReadAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Users file not found: {path} (create one with the `signup` or `seed` scenario).", path);
        }

        return await JsonFiles.ReadAsync<List<UserAccount>>(path, ct).ConfigureAwait(false);
    }

    /// Null-safe read for the registering scenarios, which append to whatever the file holds.
    public static async Task<IReadOnlyList<UserAccount>> ReadIfExistsAsync(string path, CancellationToken ct) =>
        File.Exists(path) ? await ReadAsync(path, ct).ConfigureAwait(false) : [];

    /// The file's users in their order, each replaced by its newer copy where there is one, then
    /// the users the file did not hold.
    public static IReadOnlyList<UserAccount> Merge(IEnumerable<UserAccount> earlier, IEnumerable<UserAccount> newer)
    {
        var updates = new Dictionary<string, UserAccount>(StringComparer.OrdinalIgnoreCase);
        foreach (var user in newer)
        {
            updates[user.Username] = user;
        }

        var merged = new List<UserAccount>();
        foreach (var user in earlier)
        {
            merged.Add(updates.Remove(user.Username, out var update) ? update : user);
        }

        merged.AddRange(updates.Values.OrderBy(u => u.CreatedAt));
        return merged;
    }

    public static Task WriteAsync(string path, IEnumerable<UserAccount> users, CancellationToken ct) =>
        JsonFiles.WriteAsync(path, users.ToList(), ct);
}
