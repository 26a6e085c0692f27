using SecureAccess.Common;
using SecureAccess.Registration;
using SecureAccess.Testing;

namespace SecureAccess.Grains.Tests.Registration;

[Collection(ClusterCollection.Name)]
public sealed class IdentityVerificationTests(ClusterFixture fixture)
{
    private readonly Registrar _registrar = new(fixture);

    private async Task<Result<StepInfo>> Verify(IdentityClaim claim)
    {
        var (id, email) = await _registrar.Started();
        Registrar.Ok(await _registrar.Grain(id).ConfirmEmail(await fixture.LatestCode(email)));
        return await _registrar.Grain(id).VerifyIdentity(claim);
    }

    [Fact] // SA-4b
    public async Task A_credit_freeze_fails_with_its_own_reason() =>
        (await Verify(People.Alan.Claim())).ShouldFailWith(ErrorCodes.CreditFreeze);

    [Fact] // SA-4c
    public async Task American_Express_is_refused_with_its_own_reason() =>
        (await Verify(People.Grace.Claim("credit_card", People.AccountNumberOf("521-40-1002", "credit_card")))).ShouldFailWith(ErrorCodes.CardNotAccepted);

    [Fact] // SA-4c
    public async Task A_debit_card_is_refused_with_its_own_reason() =>
        (await Verify(People.Katherine.Claim("credit_card", People.AccountNumberOf("521-40-1004", "credit_card")))).ShouldFailWith(ErrorCodes.CardNotAccepted);

    [Fact] // SA-4c
    public async Task A_corporate_card_is_refused_with_its_own_reason() =>
        (await Verify(People.Edsger.Claim("credit_card", People.AccountNumberOf("521-40-1005", "credit_card", "corporate")))).ShouldFailWith(ErrorCodes.CardNotAccepted);

    [Fact] // SA-4: the account number must be one of the record's accounts of the stated type
    public async Task An_account_number_of_another_type_does_not_verify() =>
        (await Verify(People.Katherine.Claim("student_loan", People.AccountNumberOf("521-40-1004", "heloc")))).ShouldFailWith(ErrorCodes.IdentityNotVerified);

    [Fact] // SA-4: names and addresses compare after normalisation; ZIP+4 as ZIP
    public async Task Case_punctuation_and_zip_plus_4_do_not_matter()
    {
        var p = People.Fresh();
        var claim = p.Claim() with
        {
            FirstName = p.FirstName.ToUpperInvariant() + " ",
            Address = p.Claim().Address with { Line1 = p.Claim().Address.Line1.ToLowerInvariant() + ".", Zip = p.Claim().Address.Zip + "-1234" },
        };
        Assert.Equal(RegistrationSteps.ChooseCredentials, Registrar.Ok(await Verify(claim)).Step);
    }

    [Fact] // SA-4: a wrong date of birth fails
    public async Task A_wrong_date_of_birth_fails()
    {
        var p = People.Fresh();
        (await Verify(p.Claim() with { DateOfBirth = p.Claim().DateOfBirth.AddDays(1) })).ShouldFailWith(ErrorCodes.IdentityNotVerified);
    }

    [Fact] // SA-4d
    public async Task One_identity_per_ssn()
    {
        var person = People.Fresh();
        await _registrar.Complete(person);
        (await Verify(person.Claim())).ShouldFailWith(ErrorCodes.IdentityAlreadyRegistered);
    }

    [Fact] // SA-4: repeated guessing closes the registration
    public async Task Five_failed_identity_checks_close_the_registration()
    {
        var person = People.Fresh();
        var (id, email) = await _registrar.Started();
        Registrar.Ok(await _registrar.Grain(id).ConfirmEmail(await fixture.LatestCode(email)));
        for (var i = 0; i < 5; i++)
            (await _registrar.Grain(id).VerifyIdentity(person.Claim(accountNumber: "GUESS" + i))).ShouldFailWith(ErrorCodes.IdentityNotVerified);
        (await _registrar.Grain(id).VerifyIdentity(person.Claim())).ShouldFailWith(ErrorCodes.Expired);
    }
}
