using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureAccess.Codes;
using SecureAccess.Common;
using SecureAccess.Devices;
using SecureAccess.Messaging;
using SecureAccess.Passwords;
using SecureAccess.Phones;
using SecureAccess.Recovery;
using SecureAccess.Registration;
using SecureAccess.Security;
using SecureAccess.SignIn;

namespace SecureAccess.Users;

/// One username. Every attempt against it runs here, one at a time, so the failure counter and the
/// lockout are exact (SA-10); an unknown username behaves exactly like a known one (SA-11) and writes
/// state only when it has failures to remember, and deletes its row once it has forgotten them
/// (issue 11). Its parts: this file (account lifecycle and sessions), UserGrain.SignIn.cs (SA-9..SA-12),
/// UserGrain.Profile.cs (SA-13, SA-15, SA-16), UserGrain.Import.cs (SA-17, SA-18: import, merge,
/// migration), UserGrain.HelpDesk.cs (SA-19, SA-20), UserGrain.Products.cs and UserGrain.Transcripts.cs
/// (SA-21), UserGrain.UnknownNames.cs (unknown usernames leave memory early).
public sealed partial class UserGrain(
    [PersistentState("user", StorageNames.Expiring)] IPersistentState<UserState> state,
    PasswordHashing hasher,
    PasswordPolicy passwordPolicy,
    LockoutPolicy lockout,
    OneTimeCodes codes,
    CodeSendLimiter sendLimiter,
    SecretBox secrets,
    IMessageSender messages,
    Identity.IIdentityVerifier identityRecords,
    SsnHasher ssnHasher,
    IOptions<SessionOptions> sessions,
    IOptions<CodeOptions> codeOptions,
    IOptions<TemporaryPasswordOptions> temporaryPasswords,
    IOptions<UnknownUsernameOptions> unknownUsernames,
    Audit.IAuditTrail audit,
    TimeProvider clock,
    SignInMetrics signInMetrics,
    ILogger<UserGrain> logger)
    : Grain, IUserGrain, IUserInspection, IRemindable
{
    /// Tidies once failures or a lock are over (the name predates issue 11's failure window).
    private const string TidyReminder = "lockout-expiry";
    private UserState User => state.State;
    private string Username => this.GetPrimaryKeyString();

    public async Task<Result<Done>> Reserve(NewUser user)
    {
        if (User.Status != UserStatus.None)
        {
            return User.Status == UserStatus.Pending && User.RegistrationId == user.RegistrationId
                ? Done.Instance // a retried call of the same registration
                : new Failure(ErrorCodes.UsernameTaken, "That username is taken; choose another.", "username");
        }

        // Failures remembered against this name while it was unknown stay with it (SA-11).
        User.Status = UserStatus.Pending;
        User.RegistrationId = user.RegistrationId;
        User.Email = user.Email;
        User.PasswordHash = user.PasswordHash;
        User.SsnHash = user.SsnHash;
        User.SsnLast4 = user.SsnLast4;
        User.FirstName = user.FirstName;
        User.LastName = user.LastName;
        User.Address = user.Address;
        User.CreatedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        return Done.Instance;
    }

    public async Task<Result<Done>> CancelReservation(Guid registrationId)
    {
        if (await CancelMigration(registrationId)) return Done.Instance; // SA-17: an imported account goes back to waiting
        if (User.Status == UserStatus.Pending && User.RegistrationId == registrationId)
        {
            state.State = new UserState { FailedAttempts = User.FailedAttempts, LockedUntil = User.LockedUntil, LastFailureAt = User.LastFailureAt };
            if (!LockoutPolicy.HoldsNothing(User)) await state.WriteStateAsync();
            else await state.ClearStateAsync();
        }
        return Done.Instance;
    }

    public async Task<Result<Done>> ActivateWithPhone(Guid registrationId, string phoneE164)
    {
        if (User.Status == UserStatus.Active && User.PhoneE164 == phoneE164) return Done.Instance;
        if (User.Status != UserStatus.Pending || User.RegistrationId != registrationId)
            return Failure.NotFound("pending account for this registration");
        User.PhoneE164 = phoneE164;
        return await Activate();
    }

    public async Task<Result<Done>> ActivateWithAuthenticator(Guid registrationId, string deviceId, string sealedKey, long acceptedStep)
    {
        if (User.Status == UserStatus.Active && User.DeviceId == deviceId) return Done.Instance;
        if (User.Status != UserStatus.Pending || User.RegistrationId != registrationId)
            return Failure.NotFound("pending account for this registration");
        User.DeviceId = deviceId;
        User.SealedAuthenticatorKey = sealedKey;
        User.LastAuthenticatorStep = acceptedStep; // the enrolment code is spent too
        return await Activate();
    }

    private async Task<Result<Done>> Activate()
    {
        User.Status = UserStatus.Active;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IEmailIndexGrain>(GrainKeys.Email(User.Email)).Add(Username);
        LogActivated(logger, Username);
        return Done.Instance;
    }

    public async Task<Result<ResumeInfo>> ResumeRegistration(string password)
    {
        if (lockout.Refuse(User) is { } locked) return locked;

        if (!await VerifyPassword(password) && !await AcceptsExceptionTemporaryPassword(password)) // SA-19: the help desk's temporary password
        {
            await RecordFailure();
            return Failure.InvalidCredentials;
        }
        if (User.Status != UserStatus.Pending)
            return new Failure(ErrorCodes.WrongStep, "This account's registration is complete; sign in instead.");

        var step = await GrainFactory.GetGrain<IRegistrationGrain>(User.RegistrationId).GetStep();
        return step.Succeeded ? new ResumeInfo(User.RegistrationId, step.Value!.Step) : step.Failure!;
    }

    public Task<bool> IsSessionActive(Guid sessionId) =>
        Task.FromResult(User.Sessions.TryGetValue(sessionId, out var s) && clock.GetUtcNow() < s.ExpiresAt);

    public async Task EndSession(Guid sessionId)
    {
        if (!User.Sessions.Remove(sessionId)) return;
        await state.WriteStateAsync();
        await SessionsEnded();
    }

    /// Issue 13: gateways keep verified tokens in memory; every gateway drops this user's at once.
    /// One-way, so no answer here waits for the gateways.
    private Task SessionsEnded() =>
        GrainFactory.GetGrain<Tokens.ISessionRevocationHubGrain>(0).Publish(new Tokens.SessionsRevoked(Username));

    public Task<Result<AccountView>> GetAccount()
    {
        if (User.Status != UserStatus.Active) return Task.FromResult<Result<AccountView>>(Failure.NotFound("account"));
        var view = new AccountView(Username, User.Email, User.PhoneE164 is null ? null : PhoneNumberPolicy.Mask(User.PhoneE164),
            AuthenticatorEnrolled: User.DeviceId is not null, Status: "active", User.Products.ToArray(), SecondFactor: Method);
        return Task.FromResult<Result<AccountView>>(view);
    }

    /// The counters as they count now: what is over is forgotten first (in memory, as any attempt
    /// would), so the answer is the same whether this activation or a fresh one from storage gives it.
    public Task<UserSummary> GetSummary()
    {
        lockout.ForgetIfOver(User);
        return Task.FromResult(new UserSummary(Username, User.Status, User.FailedAttempts, lockout.ActiveLock(User), User.PhoneE164 is not null));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != TidyReminder) return;
        if (lockout.ActiveLock(User) is not null) return; // fired early: the lock still stands
        var forgot = lockout.ForgetIfOver(User);
        if (!LockoutPolicy.HoldsNothing(User)) return;    // a newer failure: a later tick forgets it

        // Nothing left to remember: tidy up and let the grain rest. Correctness never waited for this.
        // A name nobody holds leaves no row (issue 11); the next activation starts from storage.
        if (User.Status == UserStatus.None)
        {
            if (state.RecordExists) await state.ClearStateAsync();
            await audit.ForgetUnheldName(Username); // its trail holds only what happened to a name nobody holds
        }
        else if (forgot) await state.WriteStateAsync();
        if (await this.GetReminder(TidyReminder) is { } reminder) await this.UnregisterReminder(reminder);
        DeactivateOnIdle();
    }

    /// Ticks after the first due time; Orleans' minimum is one minute, and an hour late is soon enough.
    private TimeSpan TidyPeriod => TimeSpan.FromMinutes(Math.Clamp(lockout.ForgetFailuresAfter.TotalMinutes, 1, 60));

    /// The password check of every path; an unknown username costs the same dummy verification (SA-11).
    private Task<bool> VerifyPassword(string password) =>
        hasher.Verify(User.Status != UserStatus.None ? User.PasswordHash : null, password);

    private async Task RecordFailure()
    {
        var lockEngaged = lockout.RecordFailure(User);
        await audit.Record(Username, Audit.AuditEvents.SignInFailed, $"failed attempt {User.FailedAttempts} of {lockout.MaxFailures}");
        if (lockEngaged is { } lockedUntil)
        {
            LogLocked(logger, Username, lockedUntil, lockout.MaxFailures);
            signInMetrics.LockSet();
            await audit.Record(Username, Audit.AuditEvents.LockoutEngaged, $"locked until {lockedUntil:O} after {lockout.MaxFailures} consecutive failures (SA-10)");
            // The reminder only tidies; its due time is the lock's end, its period well above Orleans' minimum.
            await this.RegisterOrUpdateReminder(TidyReminder, lockedUntil - clock.GetUtcNow(), TidyPeriod);
        }
        else if (User.FailedAttempts == 1)
        {
            // A new series: known and unknown names alike (equal work, SA-11) get the reminder that
            // forgets it, so a name nobody holds does not keep its row (issue 11).
            await this.RegisterOrUpdateReminder(TidyReminder, lockout.ForgetFailuresAfter, TidyPeriod);
        }
        await state.WriteStateAsync();
        // Issue 11: a known user's owner hears of the lock, once per lock (a lock engages once), after it
        // is stored and after this attempt's answer has left (the send is queued behind this call).
        if (lockEngaged is { } until && User.Status == UserStatus.Active && User.Email.Length > 0)
        {
            _lockToNotify = until;
            this.AsReference<IUserGrain>().NotifyLocked().Ignore();
        }
        RetireWhenIdleIfUnknown();
    }

    public async Task NotifyLocked()
    {
        // Only the lock this activation set and has not yet told of: a second call sends nothing.
        if (_lockToNotify is not { } until || User.Status != UserStatus.Active || User.Email.Length == 0) return;
        _lockToNotify = null;
        await messages.Send(Messages.AccountLocked(User.Email, Username, until));
    }

    /// The lock set by the last failure, until `NotifyLocked` has sent its notice (in memory: the
    /// one-way call is queued behind the failure in this same activation).
    private DateTimeOffset? _lockToNotify;

    private void PruneSessions()
    {
        var now = clock.GetUtcNow();
        foreach (var expired in User.Sessions.Where(s => s.Value.ExpiresAt <= now).Select(s => s.Key).ToList())
            User.Sessions.Remove(expired);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {Username} activated")]
    private static partial void LogActivated(ILogger logger, string username);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Username {Username} locked until {LockedUntil} after {Failures} consecutive failures")]
    private static partial void LogLocked(ILogger logger, string username, DateTimeOffset lockedUntil, int failures);
}
