using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SecureAccess.Gateway.Tokens;

/// Issue 13: tokens this gateway has verified (signature checked, session confirmed by the user
/// grain), keyed by the token's SHA-256, each until its token expires. Bounded: when full, expired
/// entries go, and if none has expired nothing new is kept (the request is simply not cached).
///
/// Revocations must win every race with a verification in flight: each revocation takes a stamp
/// from one counter, a verification notes the counter before it asks the grain, and an entry is
/// kept only if no revocation of that user (and no clear) took a stamp since; the check is repeated
/// after the insert, so a revocation that lands in between removes the entry it raced with.
public sealed class VerifiedTokenCache(IOptions<TokenOptions> options, TimeProvider clock)
{
    private readonly int _capacity = options.Value.VerifiedTokenCacheSize;
    private readonly ConcurrentDictionary<string, SessionPrincipal> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _revokedAt = new(StringComparer.Ordinal);
    private long _stamp;
    private long _clearedAt;

    public int Count => _entries.Count;

    /// Taken before a verification starts; passed back to `Add`.
    public long Stamp() => Interlocked.Read(ref _stamp);

    public SessionPrincipal? Find(string token)
    {
        if (_capacity <= 0 || !_entries.TryGetValue(Key(token), out var principal)) return null;
        if (clock.GetUtcNow() < principal.ExpiresAt) return principal;
        _entries.TryRemove(Key(token), out _);
        return null;
    }

    public void Add(string token, SessionPrincipal principal, long stampBefore)
    {
        if (_capacity <= 0 || RevokedSince(principal.Username, stampBefore)) return;
        if (_entries.Count >= _capacity && !DropExpired()) return;
        var key = Key(token);
        _entries[key] = principal;
        if (RevokedSince(principal.Username, stampBefore)) _entries.TryRemove(key, out _);
    }

    /// All of a user's cached tokens go: the next request of each asks the user grain again.
    public void Revoke(string username)
    {
        var stamp = Interlocked.Increment(ref _stamp);
        _revokedAt[username] = stamp;
        foreach (var entry in _entries)
            if (entry.Value.Username == username) _entries.TryRemove(entry.Key, out _);
        // The stamps only matter while verifications are in flight; a full table is simply reset.
        if (_revokedAt.Count > 10_000) Clear();
    }

    /// Everything goes (a revocation may have been missed).
    public void Clear()
    {
        var stamp = Interlocked.Increment(ref _stamp);
        Interlocked.Exchange(ref _clearedAt, stamp);
        _entries.Clear();
        _revokedAt.Clear();
    }

    private bool RevokedSince(string username, long stampBefore) =>
        Interlocked.Read(ref _clearedAt) > stampBefore || (_revokedAt.TryGetValue(username, out var at) && at > stampBefore);

    private bool DropExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var entry in _entries)
            if (entry.Value.ExpiresAt <= now) _entries.TryRemove(entry.Key, out _);
        return _entries.Count < _capacity;
    }

    private static string Key(string token)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), hash);
        return Convert.ToBase64String(hash);
    }
}
