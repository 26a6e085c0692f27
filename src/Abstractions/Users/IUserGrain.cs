using Orleans.Concurrency;
using SecureAccess.Common;
using SecureAccess.SignIn;

namespace SecureAccess.Users;

/// One username (lower-cased), known or not. Serialises every attempt for that username, so the
/// failed-attempt counter and the 24-hour lockout (SA-10, SA-11) are exact without locks.
public interface IUserGrain : IGrainWithStringKey
{
    Task<Result<Done>> Reserve(NewUser user);
    Task<Result<Done>> CancelReservation(Guid registrationId);
    Task<Result<Done>> ActivateWithPhone(Guid registrationId, string phoneE164);

    /// SA-8: activation by the authenticator app; `acceptedStep` is the TOTP step its first code used.
    Task<Result<Done>> ActivateWithAuthenticator(Guid registrationId, string deviceId, string sealedKey, long acceptedStep);

    /// SA-9 step one: the password (or a temporary one, SA-12). On success a challenge is issued.
    Task<Result<ChallengeIssued>> BeginSignIn(string password);

    /// SA-9 step two, called by the challenge grain once it has judged the SMS code, or with the
    /// code for the user's own authenticator to judge.
    Task<Result<SessionIssued>> CompleteSignIn(SecondFactorAttempt attempt);

    /// SA-6: may another SMS code be sent now? Refused while locked (423) or over the limits (429).
    Task<Result<Done>> AuthorizeResend();

    /// SA-13: opens a recovery challenge; answers alike for unknown, locked and known usernames.
    /// The answer does the same work for every name (one challenge write); a known user's state
    /// write, audit record and SMS follow in `FinishRecovery`, after the answer (issue 11).
    Task<Result<ChallengeIssued>> BeginRecovery();

    /// Issue 11: the known-user side of `BeginRecovery`, called one-way by the user grain on itself so
    /// it runs after the answer has left, inside the grain (not in a thread that dies with the request).
    [OneWay]
    Task FinishRecovery(Guid challengeId);

    /// Issue 11: the lock notice to a known user's owner, called one-way by the user grain on itself
    /// after the failure that set the lock has answered, so a known name's fifth failure takes no longer
    /// than an unknown name's (SA-11). Sends only for a lock set by this activation and not yet told.
    [OneWay]
    Task NotifyLocked();
    Task<Result<Done>> CompleteRecovery(SecondFactorAttempt attempt);

    /// SA-16 (and SA-12's forced change).
    Task<Result<Done>> ChangePassword(PasswordChange change);

    /// SA-15: codes to the old and the new number, both needed within 10 minutes.
    Task<Result<PhoneChangeStarted>> BeginPhoneChange(string newPhoneNumber);
    Task<Result<Done>> ConfirmPhoneChange(Guid changeId, string oldCode, string newCode);

    /// SA-8 after registration, for a full session (both steps): a key for a (new) device, shown once…
    Task<Result<Registration.AuthenticatorEnrollment>> BeginAuthenticatorEnrollment(Guid sessionId, string deviceId);
    /// …that replaces the old key when its first code confirms it.
    Task<Result<Done>> ConfirmAuthenticatorEnrollment(Guid sessionId, string code);
    /// SA-8: "sms" or "app" at sign-in; the method must be enrolled.
    Task<Result<Done>> ChooseSecondFactor(Guid sessionId, string method);

    Task<Result<ResumeInfo>> ResumeRegistration(string password);
    Task<bool> IsSessionActive(Guid sessionId);
    Task EndSession(Guid sessionId);
    [SafeToRepeat]
    Task<Result<AccountView>> GetAccount();
}
