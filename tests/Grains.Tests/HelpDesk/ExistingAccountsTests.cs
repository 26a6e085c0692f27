using Microsoft.Extensions.Options;
using SecureAccess.Import;
using SecureAccess.Passwords;
using SecureAccess.Phones;
using SecureAccess.Registration;
using SecureAccess.Testing;
using SecureAccess.Users;

namespace SecureAccess.Grains.Tests.HelpDesk;

/// SA-17 and SA-18 through the grains: the merge saga and the migration's undo.
[Collection(ClusterCollection.Name)]
public sealed class ExistingAccountsTests(ClusterFixture fixture)
{
    private readonly Registrar _registrar = new(fixture);
    private static readonly Argon2idPasswordHasher Hasher = new(Options.Create(new PasswordHashingOptions()));

    private static ExistingAccountRecord EServices(Person p, string username, string password) =>
        new("e-services", username, Hasher.Hash(password), $"{username}@example.test", p.Ssn, p.FirstName, p.LastName, ["tds"], true, null, null);

    private static ExistingAccountRecord Personal(Person p, string username, string password, string phone) =>
        new("personal", username, Hasher.Hash(password), $"{username}@example.test", p.Ssn, p.FirstName, p.LastName, null, null, phone, "get-transcript");

    private Task<ImportReport> Import(params ExistingAccountRecord[] records) =>
        fixture.Client.GetGrain<IAccountImportGrain>(0).Import(new ImportBatch(records));

    private IUserAdministration User(string username) => fixture.Client.GetGrain<IUserAdministration>(username);

    [Fact] // SA-18: both halves imported at the same moment (two operators, two batches) merge exactly once
    public async Task Both_halves_imported_concurrently_merge_exactly_once()
    {
        var person = People.Fresh();
        var (eServices, personal, phone) = (Unique.Username("race.es"), Unique.Username("race-pa"), Unique.Phone());

        var reports = await Task.WhenAll(
            Import(EServices(person, eServices, "e-services side pass")),
            Import(Personal(person, personal, "personal side pass", phone)));

        Assert.Equal(2, reports.Sum(r => r.Imported));
        Assert.Equal(1, reports.Sum(r => r.Merged));
        Assert.Equal("active", Registrar.Ok(await User(eServices).GetHelpDeskView()).Status);
        Assert.Equal("merged", Registrar.Ok(await User(personal).GetHelpDeskView()).Status);
        Assert.Equal(eServices, await fixture.Client.GetGrain<IPhoneNumberGrain>(phone).GetOwner());

        var again = await Import(EServices(person, eServices, "e-services side pass"), Personal(person, personal, "personal side pass", phone));
        Assert.Equal((0, 2, 0), (again.Imported, again.Skipped, again.Merged));
    }

    [Fact] // SA-17: a migration that loses its identity race to a newer registration gives the imported account back
    public async Task A_migration_that_loses_the_identity_race_returns_the_account_to_imported()
    {
        var person = People.Fresh();
        var username = Unique.Username("undo.es");
        Assert.Equal(1, (await Import(EServices(person, username, "legacy password 123"))).Imported);

        var older = await _registrar.UpToCredentials(person);
        var newer = await _registrar.UpToCredentials(person); // the newest verified registration may bind the identity (SA-4d)
        (await _registrar.Grain(older).ChooseCredentials(new ChooseCredentials(username, "the older one's password", "legacy password 123")))
            .ShouldFailWith("identity_already_registered");

        var view = Registrar.Ok(await User(username).GetHelpDeskView());
        Assert.Equal("imported", view.Status); // not wiped: the reservation was undone, the import kept
        Assert.Equal(["tds"], view.Products);

        var step = Registrar.Ok(await _registrar.Grain(newer).ChooseCredentials(new ChooseCredentials(username, "the newer one's password", "legacy password 123")));
        Assert.Equal(RegistrationSteps.ActivatePhone, step.Step);
    }
}
