using Microsoft.Extensions.Options;
using SecureAccess.Tokens;

namespace SecureAccess.Gateway.Tokens;

/// The gateway's copy of the cluster's key set (issue 10): read from ISigningKeySetGrain, kept in
/// memory and re-read every `KeyRefreshInterval` in the background, and at once (rate-limited) when a
/// token names a `kid` this copy lacks, so gateways pick up a rotation without a restart, and at the
/// set's `RotatesAt` by the service clock, so a scheduled rotation is never missed. The refresh
/// intervals are real time (Environment.TickCount64): they pace a cache, they judge no rule.
public sealed partial class SigningKeys(IOptions<TokenOptions> options, IClusterClient cluster, TimeProvider clock, ILogger<SigningKeys> logger)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly Lock _installing = new();
    private readonly SigningKeyRing? _static = string.IsNullOrWhiteSpace(options.Value.SigningKeyPem) ? null : SigningKeyRing.FromPem(options.Value.SigningKeyPem);
    private SigningKeyRing? _ring;
    private long _loadedAt;
    private int _refreshing;
    private long _rotationCheckedAt; // 0: long ago (TickCount64 counts from boot)

    private ISigningKeySetGrain Grain => cluster.GetGrain<ISigningKeySetGrain>(0);

    /// The ring to sign and verify with; only the first call waits for the cluster.
    public async ValueTask<SigningKeyRing> Current()
    {
        if (_static is not null) return _static;
        var ring = Volatile.Read(ref _ring);
        if (ring is null) return await Load(force: false);
        // The schedule's time has come (by the service clock): read the rotated set before signing again.
        // At most once a second, in case this host's clock runs ahead of the silo's (the silo decides).
        if (clock.GetUtcNow() >= ring.RotatesAt && Since(ref _rotationCheckedAt) >= options.Value.UnknownKidRefreshInterval)
        {
            Volatile.Write(ref _rotationCheckedAt, Environment.TickCount64);
            return await Load(force: true);
        }
        if (Age() > options.Value.KeyRefreshInterval && Interlocked.Exchange(ref _refreshing, 1) == 0)
            _ = RefreshInBackground();
        return ring;
    }

    /// A token named a `kid` the ring lacks: re-read now, unless that was done very recently.
    public async ValueTask<SigningKeyRing?> RefreshForUnknownKid()
    {
        if (_static is not null || Age() < options.Value.UnknownKidRefreshInterval) return null;
        return await Load(force: true);
    }

    /// An operator's rotation; this gateway uses the new current key at once.
    public async Task<SigningKeyRing> Rotate()
    {
        if (_static is not null) throw new InvalidOperationException("Tokens:SigningKeyPem is set: that single key is not rotated.");
        return Install(await Grain.Rotate());
    }

    public bool IsStatic => _static is not null;

    private async Task RefreshInBackground()
    {
        try { await Load(force: true); }
        catch (Exception e) { LogRefreshFailed(logger, e.GetType().Name, e.Message); }
        finally { Volatile.Write(ref _refreshing, 0); }
    }

    private async Task<SigningKeyRing> Load(bool force)
    {
        var before = Volatile.Read(ref _loadedAt);
        await _loading.WaitAsync();
        try
        {
            // Another caller loaded while this one waited: use theirs.
            if (_ring is not null && (!force || Volatile.Read(ref _loadedAt) != before)) return _ring;
            return Install(await Grain.Get());
        }
        finally { _loading.Release(); }
    }

    /// A background read that started before a rotation may finish after it: the newer set stays.
    private SigningKeyRing Install(SigningKeySet set)
    {
        lock (_installing)
        {
            if (_ring is null || set.Version >= _ring.Version) Volatile.Write(ref _ring, SigningKeyRing.FromSet(set));
            Volatile.Write(ref _loadedAt, Environment.TickCount64);
            return _ring;
        }
    }

    private TimeSpan Age() => Since(ref _loadedAt);

    private static TimeSpan Since(ref long tickCount) => TimeSpan.FromMilliseconds(Environment.TickCount64 - Volatile.Read(ref tickCount));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the token signing keys ({Error}: {Message}); keeping the ones held")]
    private static partial void LogRefreshFailed(ILogger logger, string error, string message);
}
