using System.Security.Cryptography;
using SecureAccess.Common;
using SecureAccess.Devices;
using SecureAccess.Passwords;
using SecureAccess.Registration;
using SecureAccess.SignIn;
using SecureAccess.Throttling;

namespace SecureAccess.Users;

/// SA-9..SA-12: the password step, the second factor, resends and temporary passwords.
public sealed partial class UserGrain
{
    public async Task<Result<ChallengeIssued>> BeginSignIn(string password)
    {
        signInMetrics.Started();
        var outcome = await PasswordStep(password);
        if (outcome.Failure is { } failure) signInMetrics.Failed(failure.Code, "password");
        return outcome;
    }

    public async Task<Result<SessionIssued>> CompleteSignIn(SecondFactorAttempt attempt)
    {
        var outcome = await SecondFactorStep(attempt);
        if (outcome.Failure is { } failure) signInMetrics.Failed(failure.Code, "code");
        else signInMetrics.Completed(Method);
        return outcome;
    }

    private async Task<Result<ChallengeIssued>> PasswordStep(string password)
    {
        if (lockout.Refuse(User) is { } locked) return await RefusedWhileLocked(locked);

        // Issue 11: the source's limits judge the attempt before it can count against this username.
        var source = ThrottleContext.Current is { } key ? GrainFactory.GetGrain<ISourceLimitGrain>(key) : null;
        var admitted = source is null ? new Result<bool>(false, null) : await source.AdmitSignIn(Username);
        if (admitted.Failure is { } throttled) return throttled;

        Result<ChallengeIssued> outcome;
        try
        {
            outcome = await CheckPassword(password);
        }
        catch (HashingOverloadedException busy)
        {
            outcome = Failure.Overloaded(busy.RetryAfter); // shed before judging: nothing counted (issue 11)
        }
        if (admitted.Value && outcome.Failure?.Code != ErrorCodes.InvalidCredentials) await source!.Release(Username);
        return outcome;
    }

    private async Task<Result<ChallengeIssued>> CheckPassword(string password)
    {
        var temporary = false;
        if (!await VerifyPassword(password))
        {
            // Only an active account spends a temporary password here; an unfinished one resumes with it.
            temporary = User.Status == UserStatus.Active && await TryUseTemporaryPassword(password);
            if (!temporary)
            {
                await RecordFailure();
                return Failure.InvalidCredentials;
            }
            await state.WriteStateAsync(); // the temporary password is spent (SA-12: once)
        }

        if (User.Status == UserStatus.Pending)
        {
            // Only someone holding the password learns this, so it tells an outsider nothing.
            return new Failure(ErrorCodes.WrongStep, "Registration is not finished: resume it with POST /api/v1/registrations/resume.");
        }
        if (MigrationRequired() is { } mustRegister) return mustRegister; // SA-17
        if (!temporary) await RehashIfWeaker(password); // SA-2: imported hashes upgrade here
        await audit.Record(Username, Audit.AuditEvents.SignInPasswordAccepted, temporary ? "temporary password accepted (SA-12: a new password must be set)" : "password accepted");

        return await OpenChallenge(ChallengePurpose.SignIn, temporary, deliver: true);
    }

    private async Task<Result<SessionIssued>> SecondFactorStep(SecondFactorAttempt attempt)
    {
        if (lockout.Refuse(User) is { } locked) return locked;

        if (!await SecondFactorHolds(attempt)) return Failure.InvalidCode;

        LockoutPolicy.RecordSuccess(User);
        PruneSessions();
        var sessionId = Guid.NewGuid();
        var session = new SessionRecord { ExpiresAt = clock.GetUtcNow() + sessions.Value.Lifetime, PasswordChangeRequired = attempt.PasswordChangeRequired };
        User.Sessions[sessionId] = session;
        // Issue 13: the session and its audit event are stored side by side, not one after the other; the
        // answer waits for both (a failed state write fails the call, so no token names this session).
        await Task.WhenAll(
            state.WriteStateAsync(),
            audit.Record(Username, Audit.AuditEvents.SignInCompleted, $"two-factor sign-in complete; session {sessionId} opened{(session.PasswordChangeRequired ? " (password change required)" : "")}"));
        return new SessionIssued(sessionId, Username, session.ExpiresAt, session.PasswordChangeRequired);
    }

    public async Task<Result<Done>> AuthorizeResend()
    {
        if (lockout.Refuse(User) is { } locked) return locked;
        if (sendLimiter.TryRecord(User.CodeSends) is { } wait) return Failure.TooManyRequests(wait);
        if (User.Status != UserStatus.None) await state.WriteStateAsync();
        return Done.Instance;
    }

    /// SA-12: 24 h (default) from recovery; the help desk's lives as long as its letter's code (SA-19).
    private async Task<Result<string>> IssueTemporaryPassword(DateTimeOffset expiresAt)
    {
        if (User.Status == UserStatus.None) return Failure.NotFound("account");
        var options = temporaryPasswords.Value;
        var password = RandomNumberGenerator.GetString(TemporaryPasswordOptions.Alphabet, options.Length);
        User.TemporaryPasswordHash = await hasher.Hash(password);
        User.TemporaryPasswordExpiresAt = expiresAt;
        await state.WriteStateAsync();
        return password;
    }

    /// Judges the second factor and records a failure against the lockout when it does not hold.
    private async Task<bool> SecondFactorHolds(SecondFactorAttempt attempt)
    {
        var holds = attempt.Verdict switch
        {
            SecondFactorVerdict.CodeMatched => true,
            SecondFactorVerdict.CheckAuthenticator => AcceptAuthenticatorCode(attempt.Code),
            _ => false,
        };
        if (!holds) await RecordFailure();
        return holds;
    }

    /// SA-8: the current or previous 30-s step, and only a step after the last one accepted.
    private bool AcceptAuthenticatorCode(string code)
    {
        if (User.SealedAuthenticatorKey is null) return false;
        var key = secrets.Open(RegistrationGrain.AuthenticatorKeyPurpose, User.SealedAuthenticatorKey);
        if (Authenticator.MatchingStep(key, code, clock.GetUtcNow()) is not { } step || step <= User.LastAuthenticatorStep) return false;
        User.LastAuthenticatorStep = step;
        return true;
    }

    /// SA-12: valid until its time, usable once.
    private async Task<bool> TryUseTemporaryPassword(string password)
    {
        if (User.TemporaryPasswordHash is null || User.TemporaryPasswordExpiresAt is not { } expires || clock.GetUtcNow() >= expires) return false;
        if (!await hasher.Verify(User.TemporaryPasswordHash, password)) return false;
        User.TemporaryPasswordHash = null;
        User.TemporaryPasswordExpiresAt = null;
        return true;
    }

    /// SA-8: the method the user chose; before any choice, the app when enrolled, otherwise SMS.
    private string Method => User.ChosenMethod ?? (User.SealedAuthenticatorKey is not null ? SecondFactorMethods.App : SecondFactorMethods.Sms);

    private Task<Result<ChallengeIssued>> OpenChallenge(ChallengePurpose purpose, bool passwordChangeRequired, bool deliver) =>
        GrainFactory.GetGrain<ISignInChallengeGrain>(Guid.NewGuid())
            .Open(new ChallengeRequest(Username, Method, User.PhoneE164, passwordChangeRequired, purpose, deliver && User.Status == UserStatus.Active));

    /// Hook of `BeginSignIn`: an attempt on a locked username is refused unchecked (SA-10), and recorded
    /// at most once a minute with the number refused since — under attack, one trail write per attempt
    /// would turn every refused guess into a storage write (kept in memory between records on purpose).
    private async Task<Failure> RefusedWhileLocked(Failure locked)
    {
        var until = locked.LockedUntil!.Value;
        _refusedWhileLocked++;
        var now = clock.GetUtcNow();
        if (now - _lastLockedRefusalRecord >= TimeSpan.FromMinutes(1))
        {
            await audit.Record(Username, Audit.AuditEvents.SignInWhileLocked,
                $"{_refusedWhileLocked} sign-in attempt(s) refused unchecked since the last record: locked until {until:O}");
            _refusedWhileLocked = 0;
            _lastLockedRefusalRecord = now;
        }
        return locked;
    }

    private int _refusedWhileLocked;
    private DateTimeOffset _lastLockedRefusalRecord = DateTimeOffset.MinValue;

    /// Hook of `BeginSignIn` after the password held: SA-2's re-hash with the service's own
    /// parameters (imported hashes keep theirs until then).
    private async Task RehashIfWeaker(string password)
    {
        if (!hasher.NeedsRehash(User.PasswordHash)) return;
        User.PasswordHash = await hasher.Hash(password);
        await state.WriteStateAsync();
        await audit.Record(Username, Audit.AuditEvents.PasswordRehashed, "password re-hashed with the service's Argon2id parameters (SA-2)");
    }
}
