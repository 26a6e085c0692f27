using SecureAccess.Common;
using SecureAccess.Letters;
using SecureAccess.Registration;
using SecureAccess.Testing;

namespace SecureAccess.Grains.Tests.Letters;

[Collection(ClusterCollection.Name)]
public sealed class ActivationLetterTests(ClusterFixture fixture)
{
    private readonly Registrar _registrar = new(fixture);

    private async Task<(Guid Id, string Username, string Code, StepInfo Step)> LetterRequested() => await LetterRequested(People.Fresh());

    private async Task<(Guid Id, string Username, string Code, StepInfo Step)> LetterRequested(Person person)
    {
        var username = Unique.Username("letter");
        var id = await _registrar.UpToPhone(person, username);
        var step = Registrar.Ok(await _registrar.Grain(id).RequestLetter());
        return (id, username, await fixture.LatestCode(username), step);
    }

    [Fact] // SA-7: 10 characters of Crockford base32, valid 30 days, expected in 10 business days
    public async Task The_letter_carries_a_ten_character_unambiguous_code()
    {
        var (_, username, code, step) = await LetterRequested();
        Assert.Matches("^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{10}$", code);
        Assert.Equal(RegistrationSteps.AwaitLetter, step.Step);
        Assert.Equal(fixture.Clock.GetUtcNow().AddDays(30), step.ExpiresAt);
        Assert.Equal(BusinessDays.Add(DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime), 10), step.ExpectedBy);
        Assert.Equal("letter", (await fixture.Outbox(username))[^1].Channel);
    }

    [Fact] // SA-7: valid 30 days − 1 s
    public async Task The_letter_code_works_one_second_before_30_days()
    {
        var (id, _, code, _) = await LetterRequested();
        fixture.Clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        Assert.Equal(RegistrationSteps.ChooseSecondFactor, Registrar.Ok(await _registrar.Grain(id).ConfirmLetter(code.ToLowerInvariant())).Step);
    }

    [Fact] // SA-7: dead at 30 days + 1 s
    public async Task The_letter_code_is_expired_one_second_after_30_days()
    {
        var (id, _, code, _) = await LetterRequested();
        fixture.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));
        (await _registrar.Grain(id).ConfirmLetter(code)).ShouldFailWith(ErrorCodes.Expired);
    }

    [Fact] // SA-7: the print batch holds the letter until it is marked mailed, its code sealed at rest
    public async Task Operators_see_the_letter_in_the_print_batch_until_it_is_mailed()
    {
        var (_, username, code, _) = await LetterRequested();
        var queue = fixture.Client.GetGrain<ILetterQueueGrain>(0);
        var letter = (await queue.Pending()).Single(l => l.Username == username);
        Assert.Equal(code, letter.Code);
        Assert.DoesNotContain(code, fixture.Storage.AllText());

        Assert.True(await queue.Remove(letter.LetterId));
        Assert.DoesNotContain(await queue.Pending(), l => l.LetterId == letter.LetterId);
        Assert.False(await queue.Remove(letter.LetterId));
    }

    [Fact] // SA-7: after the letter, a text-enabled phone finishes the registration too
    public async Task After_the_letter_a_phone_can_finish_the_registration()
    {
        var person = People.Fresh();
        var (id, _, code, _) = await LetterRequested(person);
        Registrar.Ok(await _registrar.Grain(id).ConfirmLetter(code));
        var phone = person.Phone;
        fixture.Clock.Advance(TimeSpan.FromMinutes(1)); // SA-6: one code a minute
        Registrar.Ok(await _registrar.Grain(id).AddPhone(phone));
        Assert.Equal(RegistrationSteps.Complete, Registrar.Ok(await _registrar.Grain(id).ConfirmPhone(await fixture.LatestCode(phone))).Step);
    }

    [Theory] // SA-7: business days skip weekends and US federal holidays (observed)
    [InlineData("2026-11-25", 10, "2026-12-10")] // Thanksgiving, Thursday 26 November
    [InlineData("2026-07-01", 1, "2026-07-02")]
    [InlineData("2026-07-02", 1, "2026-07-06")]  // 4 July 2026 is a Saturday: observed Friday 3 July
    [InlineData("2026-12-24", 1, "2026-12-28")]  // Christmas Friday
    [InlineData("2027-12-30", 1, "2028-01-03")]  // 31 Dec 2027 is the observed New Year's Day of 2028
    public void Business_days_skip_weekends_and_federal_holidays(string start, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            BusinessDays.Add(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), days));

    [Fact] // SA-7: people misread O for 0 and I/L for 1; the code is read forgivingly
    public void Letter_codes_are_read_forgivingly() => Assert.Equal("0123AB1100", LetterCode.Normalize("o12 3-ab-iL00"));
}
