using Microsoft.Extensions.Options;
using SecureAccess.Codes;
using SecureAccess.Common;
using SecureAccess.Messaging;
using SecureAccess.Users;

namespace SecureAccess.SignIn;

/// The second step of one sign-in (SA-9) or password recovery (SA-13). Judges the SMS code itself
/// (one grain, so two racing verifies of one code have one winner) and reports every outcome to the
/// user grain, which owns the failure counter and the lockout. Its state is cleared once spent.
/// Issue 13: activated on the silo of the user grain that opens it, so a verify's call to that user
/// grain is a call within one process (no serialization, no network hop) in a cluster.
[Orleans.Placement.PreferLocalPlacement]
public sealed class SignInChallengeGrain(
    [PersistentState("challenge", StorageNames.Default)] IPersistentState<SignInChallengeState> state,
    OneTimeCodes codes,
    IMessageSender messages,
    IOptions<CodeOptions> codeOptions,
    Audit.IAuditTrail audit,
    TimeProvider clock)
    : Grain, ISignInChallengeGrain
{
    private SignInChallengeState Challenge => state.State;
    private string Purpose => Challenge.Purpose == ChallengePurpose.SignIn ? "sign-in" : "recovery";

    public async Task<Result<ChallengeIssued>> Open(ChallengeRequest request)
    {
        if (state.RecordExists) return Issued();

        Challenge.Username = request.Username;
        Challenge.Method = request.Method;
        Challenge.PasswordChangeRequired = request.PasswordChangeRequired;
        Challenge.Purpose = request.Purpose;
        Challenge.PhoneE164 = request.PhoneE164;
        Challenge.Deliver = request.Deliver && request.PhoneE164 is not null;
        Challenge.ExpiresAt = clock.GetUtcNow() + codeOptions.Value.SmsSecurityCodeLifetime;
        await IssueSmsCode();
        return Issued();
    }

    public async Task DeliverRecoveryCode()
    {
        // The challenge was opened without delivery (the answer did the same for every name); a fresh
        // code replaces the one nobody was told, so the stored code is the one sent.
        if (!state.RecordExists || Challenge.Purpose != ChallengePurpose.Recovery || Challenge.Method != SecondFactorMethods.Sms || Challenge.PhoneE164 is null) return;
        if (clock.GetUtcNow() >= Challenge.ExpiresAt) return;
        Challenge.Deliver = true;
        await IssueSmsCode();
    }

    public async Task<Result<ChallengeIssued>> Resend()
    {
        if (!state.RecordExists) return Failure.NotFound("sign-in challenge");
        if (clock.GetUtcNow() >= Challenge.ExpiresAt) return await Spent<ChallengeIssued>(Failure.CodeExpired);
        if (Challenge.Method != SecondFactorMethods.Sms)
            return new Failure(ErrorCodes.WrongStep, "This challenge takes a code from the authenticator app; there is nothing to resend.");

        var allowed = await GrainFactory.GetGrain<IUserGrain>(Challenge.Username).AuthorizeResend();
        if (!allowed.Succeeded) return allowed.Failure!;
        Challenge.ExpiresAt = clock.GetUtcNow() + codeOptions.Value.SmsSecurityCodeLifetime;
        await IssueSmsCode();
        return Issued();
    }

    public async Task<Result<SessionIssued>> Verify(string code)
    {
        if (!state.RecordExists || Challenge.Purpose != ChallengePurpose.SignIn) return Failure.NotFound("sign-in challenge");
        var user = GrainFactory.GetGrain<IUserGrain>(Challenge.Username);
        return await Judge(code, attempt => user.CompleteSignIn(attempt));
    }

    public async Task<Result<Done>> VerifyRecovery(string code)
    {
        if (!state.RecordExists || Challenge.Purpose != ChallengePurpose.Recovery) return Failure.NotFound("recovery challenge");
        var user = GrainFactory.GetGrain<IUserGrain>(Challenge.Username);
        return await Judge(code, attempt => user.CompleteRecovery(attempt));
    }

    /// The code is spent before the user grain finishes, so a retry can never succeed twice.
    private async Task<Result<T>> Judge<T>(string code, Func<SecondFactorAttempt, Task<Result<T>>> finish)
    {
        if (clock.GetUtcNow() >= Challenge.ExpiresAt) return await Spent<T>(Failure.CodeExpired);
        var challengeId = this.GetPrimaryKey();

        if (Challenge.Method != SecondFactorMethods.Sms)
        {
            var byApp = await finish(new(challengeId, SecondFactorVerdict.CheckAuthenticator, code, Challenge.PasswordChangeRequired));
            return byApp.Succeeded ? await Spent(byApp) : byApp;
        }

        switch (codes.Check(Challenge.SmsCode, Purpose, code))
        {
            case CodeCheck.Matched:
                // The code is spent in memory already (this grain takes one call at a time, so a racing
                // verify finds it dead), and stored as spent before the user grain hears of the match: a
                // recovery's finish mails a temporary password, which must never go out for a code that a
                // failed clear left usable (issue 13 ran the two side by side; the review found this, and
                // the saving was latency only, not CPU: docs/decisions.md).
                var matched = new SecondFactorAttempt(challengeId, SecondFactorVerdict.CodeMatched, "", Challenge.PasswordChangeRequired); // read before the clear empties the state
                await Spend();
                return await finish(matched);
            case CodeCheck.Wrong:
                await state.WriteStateAsync();
                return await finish(new(challengeId, SecondFactorVerdict.CodeWrong, "", Challenge.PasswordChangeRequired));
            default:
                return await Spent<T>(Failure.CodeExpired);
        }
    }

    /// A challenge that delivers nothing (unknown or locked username) still holds a code nobody
    /// knows, so wrong guesses answer and count exactly like wrong guesses of a real one (SA-11).
    private async Task IssueSmsCode()
    {
        string? code = null;
        if (Challenge.Method == SecondFactorMethods.Sms)
            (code, Challenge.SmsCode) = codes.IssueDigits(Purpose, codeOptions.Value.SmsSecurityCodeLifetime);
        await state.WriteStateAsync();
        if (code is not null && Challenge.Deliver)
            await messages.Send(Messages.SmsSecurityCode(Challenge.PhoneE164!, code, codeOptions.Value.SmsSecurityCodeLifetime) with { AuditSubject = Challenge.Username });
        if (code is not null && Challenge.Deliver) await audit.Record(Challenge.Username, Audit.AuditEvents.CodeSent, $"{Purpose} security code sent by SMS to {Phones.PhoneNumberPolicy.Mask(Challenge.PhoneE164!)}");
    }

    private ChallengeIssued Issued() =>
        new(this.GetPrimaryKey(), Challenge.Method, Challenge.ExpiresAt, Challenge.PasswordChangeRequired);

    private async Task<Result<T>> Spent<T>(Result<T> outcome)
    {
        await Spend();
        return outcome;
    }

    private async Task Spend()
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }
}
