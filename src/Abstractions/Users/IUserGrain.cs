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

    /// SA-9 step one: the password. On success a challenge for the second factor is issued.
    Task<Result<ChallengeIssued>> BeginSignIn(string password);

    /// SA-9 step two, called by the challenge grain once it has judged the code (SMS) or needs the
    /// user's authenticator to judge it (app).
    Task<Result<SessionIssued>> CompleteSignIn(Guid challengeId, SecondFactorVerdict verdict, string code);

    Task<Result<ResumeInfo>> ResumeRegistration(string password);
    Task<bool> IsSessionActive(Guid sessionId);
    Task EndSession(Guid sessionId);
    Task<Result<AccountView>> GetAccount();
    Task<UserSummary> GetSummary();
}
