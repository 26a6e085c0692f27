using SecureAccess.Common;
using SecureAccess.SignIn;
using SecureAccess.Testing;
using SecureAccess.Users;

namespace SecureAccess.Grains.Tests.SignIn;

[Collection(ClusterCollection.Name)]
public sealed class SmsSignInTests(ClusterFixture fixture)
{
    private readonly Registrar _registrar = new(fixture);

    private async Task<(string Username, string Phone, ChallengeIssued Challenge)> PasswordAccepted()
    {
        var (username, phone) = await _registrar.Complete(People.Fresh());
        var challenge = Registrar.Ok(await fixture.Client.GetGrain<IUserGrain>(username).BeginSignIn(Registrar.Password));
        Assert.Equal(SecondFactorMethods.Sms, challenge.Method);
        return (username, phone, challenge);
    }

    private ISignInChallengeGrain Challenge(ChallengeIssued c) => fixture.Client.GetGrain<ISignInChallengeGrain>(c.ChallengeId);

    [Fact] // SA-9
    public async Task Password_then_sms_code_gives_a_session()
    {
        var (username, phone, challenge) = await PasswordAccepted();
        var session = Registrar.Ok(await Challenge(challenge).Verify(await fixture.LatestCode(phone)));
        Assert.Equal(username, session.Username);
        Assert.True(await fixture.Client.GetGrain<IUserGrain>(username).IsSessionActive(session.SessionId));
    }

    [Fact] // SA-9 + code table: the security code lives 10 minutes
    public async Task The_sms_security_code_works_one_tick_before_10_minutes()
    {
        var (_, phone, challenge) = await PasswordAccepted();
        var code = await fixture.LatestCode(phone);
        fixture.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        Registrar.Ok(await Challenge(challenge).Verify(code));
    }

    [Fact] // SA-9 + code table
    public async Task The_sms_security_code_is_expired_at_10_minutes()
    {
        var (_, phone, challenge) = await PasswordAccepted();
        var code = await fixture.LatestCode(phone);
        fixture.Clock.Advance(TimeSpan.FromMinutes(10));
        (await Challenge(challenge).Verify(code)).ShouldFailWith(ErrorCodes.Expired);
    }

    [Fact] // SA-6: once
    public async Task A_security_code_works_once()
    {
        var (_, phone, challenge) = await PasswordAccepted();
        var code = await fixture.LatestCode(phone);
        Registrar.Ok(await Challenge(challenge).Verify(code));
        Assert.False((await Challenge(challenge).Verify(code)).Succeeded);
    }

    [Fact] // SA-6: a matched code spends its challenge with a single storage write (docs/benchmarks.md P3)
    public async Task A_matched_code_spends_the_challenge_in_one_write()
    {
        var (_, phone, challenge) = await PasswordAccepted();
        var id = Challenge(challenge).GetGrainId();
        var before = fixture.Storage.WriteCount("challenge", id);

        Registrar.Ok(await Challenge(challenge).Verify(await fixture.LatestCode(phone)));

        Assert.Equal(before + 1, fixture.Storage.WriteCount("challenge", id));
        Assert.Null(fixture.Storage.Find("challenge", id));
    }

    [Fact] // SA-6 + issue 13: the writes of a verify run side by side, and the answer waits for all of them
    public async Task A_verify_stores_the_spent_code_and_the_audit_event_while_the_session_write_is_pending()
    {
        var (username, phone, challenge) = await PasswordAccepted();
        var code = await fixture.LatestCode(phone);
        var challengeRow = Challenge(challenge).GetGrainId();
        var trail = fixture.Client.GetGrain<SecureAccess.Audit.IAuditLogGrain>(SecureAccess.Audit.AuditTrail.Subject(username)).GetGrainId();

        Task<Result<SessionIssued>> verifying;
        using (fixture.Storage.HoldWrites("user", fixture.Client.GetGrain<IUserGrain>(username).GetGrainId()))
        {
            verifying = Challenge(challenge).Verify(code);
            // Bounded wait for the other two writes; they cannot wait for the held one.
            for (var i = 0; i < 200 && (fixture.Storage.Find("challenge", challengeRow) is not null
                || fixture.Storage.Find("audit", trail)?.Contains(SecureAccess.Audit.AuditEvents.SignInCompleted, StringComparison.Ordinal) != true); i++)
                await Task.Delay(50);
            Assert.Null(fixture.Storage.Find("challenge", challengeRow));
            Assert.Contains(SecureAccess.Audit.AuditEvents.SignInCompleted, fixture.Storage.Find("audit", trail), StringComparison.Ordinal);
            Assert.False(verifying.IsCompleted); // no answer, so no token, before the session is stored
        }

        var session = Registrar.Ok(await verifying);
        Assert.True(await fixture.Client.GetGrain<IUserGrain>(username).IsSessionActive(session.SessionId));
    }

    [Fact] // SA-6: two racing verifies of one code — exactly one session
    public async Task Two_parallel_verifies_of_one_code_have_one_winner()
    {
        var (_, phone, challenge) = await PasswordAccepted();
        var code = await fixture.LatestCode(phone);
        var results = await Task.WhenAll(Challenge(challenge).Verify(code), Challenge(challenge).Verify(code));
        Assert.Equal(1, results.Count(r => r.Succeeded));
    }

    [Fact] // SA-10: wrong codes count toward the lockout just like wrong passwords
    public async Task Wrong_security_codes_count_toward_the_lockout()
    {
        var (username, phone, _) = await PasswordAccepted();
        for (var i = 0; i < 3; i++) await fixture.Client.GetGrain<IUserGrain>(username).BeginSignIn("wrong password " + i);
        var challenge = Registrar.Ok(await fixture.Client.GetGrain<IUserGrain>(username).BeginSignIn(Registrar.Password));
        var right = await fixture.LatestCode(phone);
        var wrong = right == "000000" ? "111111" : "000000";

        (await Challenge(challenge).Verify(wrong)).ShouldFailWith(ErrorCodes.InvalidCode);
        (await Challenge(challenge).Verify(wrong)).ShouldFailWith(ErrorCodes.InvalidCode); // the 5th failure engages the lock
        (await Challenge(challenge).Verify(right)).ShouldFailWith(ErrorCodes.AccountLocked);
        Assert.Equal(5, (await fixture.Client.GetGrain<IUserGrain>(username).GetSummary()).FailedAttempts);
    }

    [Fact] // SA-10: a full sign-in resets the count of consecutive failures
    public async Task A_successful_sign_in_resets_the_failure_count()
    {
        var (username, phone, _) = await PasswordAccepted();
        var user = fixture.Client.GetGrain<IUserGrain>(username);
        for (var i = 0; i < 4; i++) await user.BeginSignIn("wrong password " + i);
        var challenge = Registrar.Ok(await user.BeginSignIn(Registrar.Password));
        Registrar.Ok(await Challenge(challenge).Verify(await fixture.LatestCode(phone)));
        Assert.Equal(0, (await user.GetSummary()).FailedAttempts);
    }

    [Fact]
    public async Task Ending_a_session_makes_it_inactive()
    {
        var (username, phone, challenge) = await PasswordAccepted();
        var session = Registrar.Ok(await Challenge(challenge).Verify(await fixture.LatestCode(phone)));
        await fixture.Client.GetGrain<IUserGrain>(username).EndSession(session.SessionId);
        Assert.False(await fixture.Client.GetGrain<IUserGrain>(username).IsSessionActive(session.SessionId));
    }
}
