using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureAccess.Audit;
using SecureAccess.Security;
using SecureAccess.SignIn;

namespace SecureAccess.Tokens;

/// The cluster's signing keys (issue 10). Whether a scheduled rotation is due is decided by comparing
/// timestamps whenever the set is read (DESIGN.md "Time": reminders run on real time, so they only
/// tidy up); a read after the interval rotates, an idle cluster rotates at its next read or reminder.
public sealed partial class SigningKeySetGrain(
    [PersistentState("signing-keys", StorageNames.Default)] IPersistentState<SigningKeySetState> state,
    SecretBox secrets,
    IOptions<SigningKeyOptions> options,
    IOptions<SessionOptions> sessions,
    IAuditTrail audit,
    TimeProvider clock,
    ILogger<SigningKeySetGrain> logger)
    : Grain, ISigningKeySetGrain, IRemindable
{
    /// Audit subject of rotations (read with GET /api/v1/admin/audit?username=system/signing-keys).
    public const string AuditSubject = "system/signing-keys";
    public const string RotatedEvent = "signing-keys.rotated";
    private const string SealPurpose = "token-signing-key";
    private const string ScheduleReminder = "signing-keys-schedule";
    private List<StoredSigningKey> Keys => state.State.Keys;

    public async Task<SigningKeySet> Get()
    {
        await KeepAndStore();
        return View();
    }

    public async Task<SigningKeySet> Rotate()
    {
        await Keep();
        RotateNow();
        state.State.Version++;
        await Store();
        await Record("by an operator");
        return View();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ScheduleReminder) await KeepAndStore();
    }

    private async Task KeepAndStore()
    {
        var rotatedOnSchedule = Keys.Count > 0 && clock.GetUtcNow() - Current.CurrentSince >= options.Value.RotationInterval;
        if (!await Keep()) return;
        await Store();
        // Audited once stored, like an operator's rotation.
        if (rotatedOnSchedule) await Record($"on schedule (every {options.Value.RotationInterval})");
    }

    /// A key that signed tokens must be a key storage holds: when a write fails, this activation
    /// goes, and the next one reads what was stored.
    private async Task Store()
    {
        try { await state.WriteStateAsync(); }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    /// Makes the set on first use, rotates when the schedule says so, drops retired keys whose
    /// tokens have all expired. True when something changed.
    private async Task<bool> Keep()
    {
        var now = clock.GetUtcNow();
        var changed = false;
        if (Keys.Count == 0)
        {
            Keys.Add(NewKey(SigningKeyStatus.Current, now));
            Keys.Add(NewKey(SigningKeyStatus.Next, now));
            // Reminders only tidy (drop expired keys, rotate an idle cluster); correctness never waits for them.
            await this.RegisterOrUpdateReminder(ScheduleReminder, TimeSpan.FromHours(1), TimeSpan.FromHours(6));
            LogCreated(logger, Current.Kid);
            changed = true;
        }
        else if (now - Current.CurrentSince >= options.Value.RotationInterval)
        {
            RotateNow();
            changed = true;
        }
        changed |= Keys.RemoveAll(k => k.Status == SigningKeyStatus.Retired && PublishedUntil(k) <= now) > 0;
        if (changed) state.State.Version++;
        return changed;
    }

    private void RotateNow()
    {
        var now = clock.GetUtcNow();
        var (current, next) = (Current, Next);
        current.Status = SigningKeyStatus.Retired;
        current.RetiredAt = now;
        next.Status = SigningKeyStatus.Current;
        next.CurrentSince = now;
        Keys.Add(NewKey(SigningKeyStatus.Next, now));
    }

    private StoredSigningKey Current => Keys.Single(k => k.Status == SigningKeyStatus.Current);
    private StoredSigningKey Next => Keys.Single(k => k.Status == SigningKeyStatus.Next);

    /// A retired key stays published while a token it signed may still be alive.
    private DateTimeOffset? PublishedUntil(StoredSigningKey key) =>
        key.RetiredAt + sessions.Value.Lifetime + options.Value.RetirementMargin;

    private StoredSigningKey NewKey(SigningKeyStatus status, DateTimeOffset now)
    {
        var (privateKey, publicKey, kid) = SigningKeyMaterial.Create();
        try
        {
            return new StoredSigningKey
            {
                Kid = kid,
                Status = status,
                SealedPrivateKey = secrets.Seal(SealPurpose, privateKey),
                PublicKey = publicKey,
                CreatedAt = now,
                CurrentSince = status == SigningKeyStatus.Current ? now : null,
            };
        }
        finally { Array.Clear(privateKey); }
    }

    private SigningKeySet View() => new(
        Current.Kid,
        Next.Kid,
        secrets.Open(SealPurpose, Current.SealedPrivateKey),
        [.. Keys.Select(k => new PublishedSigningKey(k.Kid, k.Status, k.PublicKey, k.Status == SigningKeyStatus.Retired ? PublishedUntil(k) : null))],
        Current.CurrentSince!.Value,
        Current.CurrentSince!.Value + options.Value.RotationInterval,
        state.State.Version);

    private async Task Record(string how)
    {
        LogRotated(logger, Current.Kid, Next.Kid, how);
        await audit.Record(AuditSubject, RotatedEvent, $"rotated {how}: current key {Current.Kid}, next key {Next.Kid}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Token signing keys made; current key {Kid}")]
    private static partial void LogCreated(ILogger logger, string kid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Token signing keys rotated: current {CurrentKid}, next {NextKid} ({How})")]
    private static partial void LogRotated(ILogger logger, string currentKid, string nextKid, string how);
}
