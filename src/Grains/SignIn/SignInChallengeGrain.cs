using Microsoft.Extensions.Options;
using SecureAccess.Codes;
using SecureAccess.Common;
using SecureAccess.Messaging;
using SecureAccess.Users;

namespace SecureAccess.SignIn;

/// The second step of one sign-in (SA-9). Judges the SMS code itself (one grain, so two racing
/// verifies of one code have one winner) and reports every outcome to the user grain, which owns
/// the failure counter and the lockout. Its state is cleared once the challenge is spent.
public sealed class SignInChallengeGrain(
    [PersistentState("challenge", StorageNames.Default)] IPersistentState<SignInChallengeState> state,
    OneTimeCodes codes,
    IMessageSender messages,
    IOptions<CodeOptions> codeOptions,
    TimeProvider clock)
    : Grain, ISignInChallengeGrain
{
    private const string Purpose = "sign-in";
    private SignInChallengeState Challenge => state.State;

    public async Task<Result<ChallengeIssued>> Open(ChallengeRequest request)
    {
        if (state.RecordExists) return Issued();

        var lifetime = codeOptions.Value.SmsSecurityCodeLifetime;
        Challenge.Username = request.Username;
        Challenge.Method = request.Method;
        Challenge.PasswordChangeRequired = request.PasswordChangeRequired;
        Challenge.ExpiresAt = clock.GetUtcNow() + lifetime;
        string? code = null;
        if (request.Method == SecondFactorMethods.Sms)
        {
            if (request.PhoneE164 is null) return Failure.NotFound("verified phone");
            (code, Challenge.SmsCode) = codes.IssueDigits(Purpose, lifetime);
        }
        await state.WriteStateAsync();
        if (code is not null) await messages.Send(Messages.SmsSecurityCode(request.PhoneE164!, code, lifetime));
        return Issued();
    }

    public async Task<Result<SessionIssued>> Verify(string code)
    {
        if (!state.RecordExists) return Failure.NotFound("sign-in challenge");
        if (clock.GetUtcNow() >= Challenge.ExpiresAt) return await Spent(Failure.CodeExpired);

        var user = GrainFactory.GetGrain<IUserGrain>(Challenge.Username);
        var challengeId = this.GetPrimaryKey();
        if (Challenge.Method != SecondFactorMethods.Sms)
        {
            var byApp = await user.CompleteSignIn(challengeId, SecondFactorVerdict.CheckAuthenticator, code);
            return byApp.Succeeded ? await Spent(byApp) : byApp;
        }

        switch (codes.Check(Challenge.SmsCode, Purpose, code))
        {
            case CodeCheck.Matched:
                // Spend the code before the session exists: a retry can never mint a second one.
                await state.WriteStateAsync();
                return await Spent(await user.CompleteSignIn(challengeId, SecondFactorVerdict.CodeMatched, ""));
            case CodeCheck.Wrong:
                await state.WriteStateAsync();
                return await user.CompleteSignIn(challengeId, SecondFactorVerdict.CodeWrong, "");
            default:
                return await Spent(Failure.CodeExpired);
        }
    }

    private ChallengeIssued Issued() =>
        new(this.GetPrimaryKey(), Challenge.Method, Challenge.ExpiresAt, Challenge.PasswordChangeRequired);

    private async Task<Result<SessionIssued>> Spent(Result<SessionIssued> outcome)
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
        return outcome;
    }
}
