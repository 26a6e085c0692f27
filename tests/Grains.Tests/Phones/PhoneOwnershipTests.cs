using SecureAccess.Common;
using SecureAccess.Phones;
using SecureAccess.Registration;
using SecureAccess.Testing;

namespace SecureAccess.Grains.Tests.Phones;

[Collection(ClusterCollection.Name)]
public sealed class PhoneOwnershipTests(ClusterFixture fixture)
{
    private readonly Registrar _registrar = new(fixture);

    [Fact] // SA-5 with SA-7: 25 families race for their shared number at once — one owner per number, 25 × phone_in_use
    public async Task Family_members_claiming_their_shared_number_concurrently_have_exactly_one_winner_each()
    {
        var ready = new List<(Guid Id, string Username, string Phone)>();
        foreach (var i in Enumerable.Range(0, 25))
        {
            var (a, b) = People.FreshFamily(); // one number listed for two people
            foreach (var person in new[] { a, b })
            {
                var username = Unique.Username("racer");
                ready.Add((await _registrar.UpToPhone(person, username), username, person.FamilyPhone));
            }
        }
        // Every registration gets its own activation code while its number is still free…
        var codes = new List<string>();
        foreach (var (id, _, phone) in ready)
        {
            Registrar.Ok(await _registrar.Grain(id).AddPhone(phone));
            codes.Add(await fixture.LatestCode(phone));
        }

        // …then all confirm at once.
        var results = await Task.WhenAll(ready.Select((r, i) => _registrar.Grain(r.Id).ConfirmPhone(codes[i])));

        Assert.Equal(25, results.Count(r => r.Succeeded));
        Assert.Equal(25, results.Count(r => r.Failure?.Code == ErrorCodes.PhoneInUse));
        foreach (var pair in ready.Select((r, i) => (r, i)).GroupBy(x => x.r.Phone))
        {
            var winners = pair.Where(x => results[x.i].Succeeded).ToList();
            Assert.Single(winners);
            Assert.Equal(winners[0].r.Username, await fixture.Client.GetGrain<IPhoneNumberGrain>(pair.Key).GetOwner());
        }
    }

    [Fact] // SA-7: a number not tied to the registrant's name is refused before any SMS, and the letter stays open
    public async Task A_number_not_listed_for_the_person_is_refused_before_any_sms()
    {
        var id = await _registrar.UpToPhone(People.Fresh(), Unique.Username());
        var stranger = Unique.Phone();
        (await _registrar.Grain(id).AddPhone(stranger)).ShouldFailWith(ErrorCodes.PhoneNotAssociated);
        Assert.Empty(await fixture.Outbox(stranger));
        Assert.Equal(RegistrationSteps.ActivatePhone, Registrar.Ok(await _registrar.Grain(id).GetStep()).Step);
        Assert.Equal(RegistrationSteps.AwaitLetter, Registrar.Ok(await _registrar.Grain(id).RequestLetter()).Step);
    }

    [Fact] // SA-5: a number already owned is refused up front
    public async Task A_number_owned_by_another_user_is_refused_when_added()
    {
        var (owner, relative) = People.FreshFamily();
        var (_, phone) = await _registrar.Complete(owner, phone: owner.FamilyPhone);
        var id = await _registrar.UpToPhone(relative, Unique.Username());
        (await _registrar.Grain(id).AddPhone(phone)).ShouldFailWith(ErrorCodes.PhoneInUse);
        Assert.Equal(RegistrationSteps.ActivatePhone, Registrar.Ok(await _registrar.Grain(id).GetStep()).Step);
    }

    [Theory] // SA-5, SA-7: E.164 for a text-enabled number
    [InlineData("not a number")]
    [InlineData("+1 202 555")]
    [InlineData("+447700900123")]
    public async Task Numbers_that_cannot_take_texts_are_refused(string number)
    {
        var id = await _registrar.UpToPhone(People.Fresh(), Unique.Username());
        (await _registrar.Grain(id).AddPhone(number)).ShouldFailWith(ErrorCodes.InvalidPhone);
    }

    [Fact]
    public async Task A_national_number_is_stored_in_E164()
    {
        var username = Unique.Username();
        var person = People.Fresh();
        var id = await _registrar.UpToPhone(person, username);
        var e164 = person.Phone; // +1AAA555LLLL
        Registrar.Ok(await _registrar.Grain(id).AddPhone($"({e164[2..5]}) {e164[5..8]}-{e164[8..]}"));
        Registrar.Ok(await _registrar.Grain(id).ConfirmPhone(await fixture.LatestCode(e164)));
        Assert.Equal(username, await fixture.Client.GetGrain<IPhoneNumberGrain>(e164).GetOwner());
    }
}
