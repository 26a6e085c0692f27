using SecureAccess.Common;
using SecureAccess.Registration;
using SecureAccess.Testing;

namespace SecureAccess.Grains.Tests.Registration;

[Collection(ClusterCollection.Name)]
public sealed class RegistrationCodeTests(ClusterFixture fixture)
{
    private readonly Registrar _registrar = new(fixture);

    [Fact] // SA-3: valid for 15 minutes — one tick before is fine
    public async Task Email_code_works_one_tick_before_15_minutes()
    {
        var (id, email) = await _registrar.Started();
        var code = await fixture.LatestCode(email);
        fixture.Clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromTicks(1));
        Assert.Equal(RegistrationSteps.VerifyIdentity, Registrar.Ok(await _registrar.Grain(id).ConfirmEmail(code)).Step);
    }

    [Fact] // SA-3: at 15 minutes the code is dead
    public async Task Email_code_is_expired_at_15_minutes()
    {
        var (id, email) = await _registrar.Started();
        var code = await fixture.LatestCode(email);
        fixture.Clock.Advance(TimeSpan.FromMinutes(15));
        (await _registrar.Grain(id).ConfirmEmail(code)).ShouldFailWith(ErrorCodes.Expired);
        Assert.Equal(RegistrationSteps.ConfirmEmail, Registrar.Ok(await _registrar.Grain(id).GetStep()).Step);
    }

    [Fact] // SA-3, SA-6: five wrong tries kill the code, even for the right value afterwards
    public async Task Email_code_dies_after_five_wrong_tries()
    {
        var (id, email) = await _registrar.Started();
        var code = await fixture.LatestCode(email);
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < 5; i++) (await _registrar.Grain(id).ConfirmEmail(wrong)).ShouldFailWith(ErrorCodes.InvalidCode);
        (await _registrar.Grain(id).ConfirmEmail(code)).ShouldFailWith(ErrorCodes.Expired);
    }

    [Fact] // SA-3, SA-6: a code works once
    public async Task A_used_email_code_cannot_move_the_registration_again()
    {
        var (id, email) = await _registrar.Started();
        var code = await fixture.LatestCode(email);
        Registrar.Ok(await _registrar.Grain(id).ConfirmEmail(code));
        (await _registrar.Grain(id).ConfirmEmail(code)).ShouldFailWith(ErrorCodes.WrongStep);
    }

    [Fact] // SA-6: codes are six random digits, and differ between registrations
    public async Task Email_codes_are_six_digits_and_not_repeated()
    {
        var codes = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            var (_, email) = await _registrar.Started();
            var code = await fixture.LatestCode(email);
            Assert.Matches("^[0-9]{6}$", code);
            codes.Add(code);
        }
        Assert.True(codes.Count >= 4);
    }

    [Fact] // SA-7: the SMS activation code lives 10 minutes
    public async Task Sms_activation_code_works_one_tick_before_10_minutes_and_not_at_10()
    {
        var earlyPerson = People.Fresh();
        var early = await _registrar.UpToPhone(earlyPerson, Unique.Username());
        var earlyPhone = earlyPerson.Phone;
        Registrar.Ok(await _registrar.Grain(early).AddPhone(earlyPhone));
        var earlyCode = await fixture.LatestCode(earlyPhone);

        var latePerson = People.Fresh();
        var late = await _registrar.UpToPhone(latePerson, Unique.Username());
        var latePhone = latePerson.Phone;
        Registrar.Ok(await _registrar.Grain(late).AddPhone(latePhone));
        var lateCode = await fixture.LatestCode(latePhone);

        fixture.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        Assert.Equal(RegistrationSteps.Complete, Registrar.Ok(await _registrar.Grain(early).ConfirmPhone(earlyCode)).Step);
        fixture.Clock.Advance(TimeSpan.FromTicks(1));
        (await _registrar.Grain(late).ConfirmPhone(lateCode)).ShouldFailWith(ErrorCodes.Expired);
    }

    [Fact] // SA-6: asking again replaces the old code
    public async Task Asking_for_a_new_sms_code_kills_the_old_one()
    {
        var person = People.Fresh();
        var id = await _registrar.UpToPhone(person, Unique.Username());
        var phone = person.Phone;
        Registrar.Ok(await _registrar.Grain(id).AddPhone(phone));
        var first = await fixture.LatestCode(phone);
        (await _registrar.Grain(id).AddPhone(phone)).ShouldFailWith(ErrorCodes.TooManyRequests); // SA-6: 1 a minute
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        Registrar.Ok(await _registrar.Grain(id).AddPhone(phone));
        var second = await fixture.LatestCode(phone);
        if (first != second) (await _registrar.Grain(id).ConfirmPhone(first)).ShouldFailWith(ErrorCodes.InvalidCode);
        Registrar.Ok(await _registrar.Grain(id).ConfirmPhone(second));
    }

    [Fact]
    public async Task Steps_out_of_order_are_refused_and_change_nothing()
    {
        var (id, _) = await _registrar.Started();
        (await _registrar.Grain(id).VerifyIdentity(People.Fresh().Claim())).ShouldFailWith(ErrorCodes.WrongStep);
        (await _registrar.Grain(id).AddPhone(Unique.Phone())).ShouldFailWith(ErrorCodes.WrongStep);
        (await _registrar.Grain(Guid.NewGuid()).ConfirmEmail("123456")).ShouldFailWith(ErrorCodes.NotFound);
        Assert.Equal(RegistrationSteps.ConfirmEmail, Registrar.Ok(await _registrar.Grain(id).GetStep()).Step);
    }

    [Fact]
    public async Task A_registration_expires_after_its_lifetime()
    {
        var (id, email) = await _registrar.Started();
        Registrar.Ok(await _registrar.Grain(id).ConfirmEmail(await fixture.LatestCode(email)));
        fixture.Clock.Advance(TimeSpan.FromHours(24));
        (await _registrar.Grain(id).VerifyIdentity(People.Fresh().Claim())).ShouldFailWith(ErrorCodes.Expired);
    }
}
