using SecureAccess.Common;
using SecureAccess.Phones;
using SecureAccess.SignIn;
using SecureAccess.Testing;
using SecureAccess.Users;

namespace SecureAccess.Grains.Tests.Recovery;

[Collection(ClusterCollection.Name)]
public sealed class AccountChangeTests(ClusterFixture fixture)
{
    private readonly Registrar _registrar = new(fixture);
    private IUserGrain User(string username) => fixture.Client.GetGrain<IUserGrain>(username);

    /// SA-13's way to a temporary password: recovery with the SMS code; the password comes by email.
    private async Task<string> TemporaryPassword(string username, string phone)
    {
        var sent = (await fixture.Outbox(phone)).Count;
        var mails = (await fixture.Outbox(Registrar.EmailOf(username))).Count;
        var challenge = Registrar.Ok(await User(username).BeginRecovery());
        Registrar.Ok(await fixture.Client.GetGrain<ISignInChallengeGrain>(challenge.ChallengeId).VerifyRecovery(await fixture.NextCode(phone, sent)));
        var inbox = await fixture.Outbox(Registrar.EmailOf(username));
        Assert.Equal(mails + 1, inbox.Count);
        return inbox[^1].Code;
    }

    private async Task<SessionIssued> SignIn(string username, string phone, string password = Registrar.Password)
    {
        var challenge = Registrar.Ok(await User(username).BeginSignIn(password));
        return Registrar.Ok(await fixture.Client.GetGrain<ISignInChallengeGrain>(challenge.ChallengeId).Verify(await fixture.LatestCode(phone)));
    }

    [Fact] // SA-15: without the old number's code, nothing changes
    public async Task A_phone_change_without_the_old_numbers_code_is_refused_and_changes_nothing()
    {
        var person = People.Fresh();
        var (username, oldPhone) = await _registrar.Complete(person);
        var newPhone = person.SecondPhone; // SA-15 holds SA-7: a number tied to the user's name
        var change = Registrar.Ok(await User(username).BeginPhoneChange(newPhone));
        var newCode = await fixture.LatestCode(newPhone);
        var oldCode = await fixture.LatestCode(oldPhone);

        (await User(username).ConfirmPhoneChange(change.ChangeId, oldCode == "000000" ? "111111" : "000000", newCode)).ShouldFailWith(ErrorCodes.InvalidCode);
        Assert.Equal(username, await fixture.Client.GetGrain<IPhoneNumberGrain>(oldPhone).GetOwner());
        Assert.Null(await fixture.Client.GetGrain<IPhoneNumberGrain>(newPhone).GetOwner());
    }

    [Fact] // SA-15: both codes → the new number is the user's, the old one free for another user
    public async Task After_a_phone_change_the_old_number_is_free_for_someone_else()
    {
        var (person, relative) = People.FreshFamily();
        var (username, oldPhone) = await _registrar.Complete(person, phone: person.FamilyPhone);
        var newPhone = person.SecondPhone; // SA-15 holds SA-7: a number tied to the user's name
        var change = Registrar.Ok(await User(username).BeginPhoneChange(newPhone));
        Registrar.Ok(await User(username).ConfirmPhoneChange(change.ChangeId, await fixture.LatestCode(oldPhone), await fixture.LatestCode(newPhone)));

        Assert.Equal(username, await fixture.Client.GetGrain<IPhoneNumberGrain>(newPhone).GetOwner());
        Assert.Null(await fixture.Client.GetGrain<IPhoneNumberGrain>(oldPhone).GetOwner());
        var (other, _) = await _registrar.Complete(relative, phone: oldPhone);
        Assert.Equal(other, await fixture.Client.GetGrain<IPhoneNumberGrain>(oldPhone).GetOwner());
        Assert.Contains(await fixture.Outbox(Registrar.EmailOf(username)), m => m.Subject.Contains("mobile number was changed"));
    }

    [Fact] // SA-15: both codes are needed within 10 minutes — fine one tick before
    public async Task Phone_change_codes_work_one_tick_before_10_minutes()
    {
        var person = People.Fresh();
        var (username, oldPhone) = await _registrar.Complete(person);
        var newPhone = person.SecondPhone; // SA-15 holds SA-7: a number tied to the user's name
        var change = Registrar.Ok(await User(username).BeginPhoneChange(newPhone));
        fixture.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        Registrar.Ok(await User(username).ConfirmPhoneChange(change.ChangeId, await fixture.LatestCode(oldPhone), await fixture.LatestCode(newPhone)));
    }

    [Fact] // SA-15: and dead at 10 minutes
    public async Task Phone_change_codes_are_expired_at_10_minutes()
    {
        var person = People.Fresh();
        var (username, oldPhone) = await _registrar.Complete(person);
        var newPhone = person.SecondPhone; // SA-15 holds SA-7: a number tied to the user's name
        var change = Registrar.Ok(await User(username).BeginPhoneChange(newPhone));
        fixture.Clock.Advance(TimeSpan.FromMinutes(10));
        (await User(username).ConfirmPhoneChange(change.ChangeId, await fixture.LatestCode(oldPhone), await fixture.LatestCode(newPhone))).ShouldFailWith(ErrorCodes.Expired);
        Assert.Equal(username, await fixture.Client.GetGrain<IPhoneNumberGrain>(oldPhone).GetOwner());
    }

    [Fact] // SA-15: the new number is claimed through its grain: 409 when another user owns it
    public async Task A_phone_change_to_a_number_someone_owns_is_refused()
    {
        var (owner, relative) = People.FreshFamily();
        var (_, taken) = await _registrar.Complete(owner, phone: owner.FamilyPhone);
        var (username, _) = await _registrar.Complete(relative);
        (await User(username).BeginPhoneChange(taken)).ShouldFailWith(ErrorCodes.PhoneInUse);
    }

    [Fact] // SA-12: a temporary password works once, and its session must change the password
    public async Task A_temporary_password_works_once_and_forces_a_password_change()
    {
        var (username, phone) = await _registrar.Complete(People.Fresh());
        var temporary = await TemporaryPassword(username, phone);

        var session = await SignIn(username, phone, temporary);
        Assert.True(session.PasswordChangeRequired);
        (await User(username).BeginSignIn(temporary)).ShouldFailWith(ErrorCodes.InvalidCredentials);

        Registrar.Ok(await User(username).ChangePassword(new PasswordChange(session.SessionId, null, "my brand new passphrase")));
        Assert.False(await User(username).IsSessionActive(session.SessionId));
        Assert.False((await SignIn(username, phone, "my brand new passphrase")).PasswordChangeRequired);
    }

    [Fact] // SA-12: valid 24 hours — one tick before is fine, at 24 h it is dead
    public async Task A_temporary_password_lives_24_hours()
    {
        var (early, earlyPhone) = await _registrar.Complete(People.Fresh());
        var (late, latePhone) = await _registrar.Complete(People.Fresh());
        var earlyPassword = await TemporaryPassword(early, earlyPhone);
        var latePassword = await TemporaryPassword(late, latePhone);
        fixture.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromTicks(1));
        Assert.True((await User(early).BeginSignIn(earlyPassword)).Succeeded);
        fixture.Clock.Advance(TimeSpan.FromTicks(1));
        (await User(late).BeginSignIn(latePassword)).ShouldFailWith(ErrorCodes.InvalidCredentials);
    }

    [Fact] // SA-16: the current password is required, the new one follows SA-2, other sessions end
    public async Task Changing_the_password_needs_the_current_one_and_ends_other_sessions()
    {
        var (username, phone) = await _registrar.Complete(People.Fresh());
        var mine = await SignIn(username, phone);
        var other = await SignIn(username, phone);

        (await User(username).ChangePassword(new PasswordChange(mine.SessionId, "not my password at all", "a good new passphrase"))).ShouldFailWith(ErrorCodes.InvalidCredentials);
        (await User(username).ChangePassword(new PasswordChange(mine.SessionId, Registrar.Password, "password1234"))).ShouldFailWith(ErrorCodes.WeakPassword);
        (await User(username).ChangePassword(new PasswordChange(mine.SessionId, Registrar.Password, Registrar.Password))).ShouldFailWith(ErrorCodes.WeakPassword);
        Registrar.Ok(await User(username).ChangePassword(new PasswordChange(mine.SessionId, Registrar.Password, "a good new passphrase")));

        Assert.True(await User(username).IsSessionActive(mine.SessionId));
        Assert.False(await User(username).IsSessionActive(other.SessionId));
        (await User(username).BeginSignIn(Registrar.Password)).ShouldFailWith(ErrorCodes.InvalidCredentials);
    }

    [Fact] // SA-13: recovery with the SMS code emails a temporary password; a lockout stands
    public async Task Password_recovery_emails_a_temporary_password_but_not_past_a_lockout()
    {
        var (username, phone) = await _registrar.Complete(People.Fresh());
        var sent = (await fixture.Outbox(phone)).Count;
        var challenge = Registrar.Ok(await User(username).BeginRecovery());
        Registrar.Ok(await fixture.Client.GetGrain<ISignInChallengeGrain>(challenge.ChallengeId).VerifyRecovery(await fixture.NextCode(phone, sent)));
        var mail = (await fixture.Outbox(Registrar.EmailOf(username)))[^1];
        Assert.Contains("temporary password", mail.Subject);
        Assert.True((await User(username).BeginSignIn(mail.Code)).Value!.PasswordChangeRequired);

        for (var i = 0; i < 5; i++) await User(username).BeginSignIn("wrong password " + i);
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        var locked = Registrar.Ok(await User(username).BeginRecovery());
        (await fixture.Client.GetGrain<ISignInChallengeGrain>(locked.ChallengeId).VerifyRecovery("123456")).ShouldFailWith(ErrorCodes.AccountLocked);
    }

    [Fact] // SA-6: a resend within the minute is 429; during a lockout 423
    public async Task Resends_are_rate_limited_and_refused_during_a_lockout()
    {
        var (username, _) = await _registrar.Complete(People.Fresh());
        var challenge = Registrar.Ok(await User(username).BeginSignIn(Registrar.Password));
        var grain = fixture.Client.GetGrain<ISignInChallengeGrain>(challenge.ChallengeId);
        Registrar.Ok(await grain.Resend());
        var second = await grain.Resend();
        second.ShouldFailWith(ErrorCodes.TooManyRequests);
        Assert.True(second.Failure!.RetryAfter > TimeSpan.Zero);

        for (var i = 0; i < 5; i++) await User(username).BeginSignIn("wrong password " + i);
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        (await grain.Resend()).ShouldFailWith(ErrorCodes.AccountLocked);
    }
}
