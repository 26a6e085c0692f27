using SecureAccess.Common;
using SecureAccess.Phones;
using SecureAccess.Registration;
using SecureAccess.Testing;

namespace SecureAccess.Grains.Tests.Phones;

[Collection(ClusterCollection.Name)]
public sealed class PhoneOwnershipTests(ClusterFixture fixture)
{
    private readonly Registrar _registrar = new(fixture);

    [Fact] // SA-5: 50 registrations race for one number — exactly one owner, 49 × phone_in_use
    public async Task Fifty_registrations_claiming_one_number_concurrently_have_exactly_one_winner()
    {
        var phone = Unique.Phone();
        var ready = new List<(Guid Id, string Username)>();
        foreach (var i in Enumerable.Range(0, 50))
        {
            var username = Unique.Username("racer");
            ready.Add((await _registrar.UpToPhone(People.Fresh(), username), username));
        }
        // Every registration gets its own activation code while the number is still free…
        var codes = new List<string>();
        foreach (var (id, _) in ready)
        {
            Registrar.Ok(await _registrar.Grain(id).AddPhone(phone));
            codes.Add(await fixture.LatestCode(phone));
        }

        // …then all confirm at once.
        var results = await Task.WhenAll(ready.Select((r, i) => _registrar.Grain(r.Id).ConfirmPhone(codes[i])));

        Assert.Equal(1, results.Count(r => r.Succeeded));
        Assert.Equal(49, results.Count(r => r.Failure?.Code == ErrorCodes.PhoneInUse));
        var winner = ready[Array.FindIndex(results, r => r.Succeeded)].Username;
        Assert.Equal(winner, await fixture.Client.GetGrain<IPhoneNumberGrain>(phone).GetOwner());
    }

    [Fact] // SA-5: a number already owned is refused up front
    public async Task A_number_owned_by_another_user_is_refused_when_added()
    {
        var (_, phone) = await _registrar.Complete(People.Fresh());
        var id = await _registrar.UpToPhone(People.Fresh(), Unique.Username());
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
        var id = await _registrar.UpToPhone(People.Fresh(), username);
        Registrar.Ok(await _registrar.Grain(id).AddPhone("(646) 555-0199"));
        Registrar.Ok(await _registrar.Grain(id).ConfirmPhone(await fixture.LatestCode("+16465550199")));
        Assert.Equal(username, await fixture.Client.GetGrain<IPhoneNumberGrain>("+16465550199").GetOwner());
    }
}
