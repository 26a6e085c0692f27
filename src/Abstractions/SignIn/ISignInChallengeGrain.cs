using Orleans.Concurrency;
using SecureAccess.Common;

namespace SecureAccess.SignIn;

/// The second step of one sign-in (SA-9), keyed by challenge id. Holds the hashed SMS code, its
/// expiry and tries; dies when used. Failures are reported to the user grain, which owns the lockout.
public interface ISignInChallengeGrain : IGrainWithGuidKey
{
    Task<Result<ChallengeIssued>> Open(ChallengeRequest request);
    Task<Result<SessionIssued>> Verify(string code);

    /// SA-13: the second factor of a password recovery; success emails a temporary password.
    Task<Result<Done>> VerifyRecovery(string code);

    /// SA-13 (issue 11): the recovery code of a known user, sent after the answer. One-way, so the user
    /// grain never waits on a challenge that may itself be waiting on the user grain.
    [OneWay]
    Task DeliverRecoveryCode();

    /// SA-6: a new SMS code replaces the old one, within the per-user resend limits.
    Task<Result<ChallengeIssued>> Resend();
}
