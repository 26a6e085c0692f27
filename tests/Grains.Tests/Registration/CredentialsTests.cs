using SecureAccess.Common;
using SecureAccess.Registration;
using SecureAccess.Testing;
using SecureAccess.Users;

namespace SecureAccess.Grains.Tests.Registration;

[Collection(ClusterCollection.Name)]
public sealed class CredentialsTests(ClusterFixture fixture)
{
    private readonly Registrar _registrar = new(fixture);

    private async Task<Result<StepInfo>> Choose(string username, string password) =>
        await _registrar.Grain(await _registrar.UpToCredentials(People.Fresh())).ChooseCredentials(new ChooseCredentials(username, password, null));

    [Theory] // SA-2
    [InlineData("eleven char")]
    [InlineData("password1234")]
    [InlineData("Qwertyuiop123")]
    [InlineData("123456789012")]
    public async Task Short_or_common_passwords_are_weak(string password) =>
        (await Choose(Unique.Username(), password)).ShouldFailWith(ErrorCodes.WeakPassword);

    [Fact] // SA-2: 12 to 128 characters, counted after NFKC, any Unicode
    public async Task Length_is_12_to_128_characters_of_any_script()
    {
        (await Choose(Unique.Username(), new string('ж', 129))).ShouldFailWith(ErrorCodes.WeakPassword);
        Registrar.Ok(await Choose(Unique.Username(), new string('ж', 128)));
        Registrar.Ok(await Choose(Unique.Username(), "日本語のとても長いパスワード"));
    }

    [Fact] // SA-2: the NFKC form is what is hashed, so a compatibility variant signs in
    public async Task A_password_is_compared_in_its_NFKC_form()
    {
        var username = Unique.Username();
        var person = People.Fresh();
        var id = await _registrar.UpToCredentials(person);
        Registrar.Ok(await _registrar.Grain(id).ChooseCredentials(new ChooseCredentials(username, "ｆｕｌｌｗｉｄｔｈ ｐａｓｓｗｏｒｄ", null)));
        var phone = person.Phone;
        Registrar.Ok(await _registrar.Grain(id).AddPhone(phone));
        Registrar.Ok(await _registrar.Grain(id).ConfirmPhone(await fixture.LatestCode(phone)));
        Assert.True((await fixture.Client.GetGrain<IUserGrain>(username).BeginSignIn("fullwidth password")).Succeeded);
    }

    [Fact] // SA-1: unique case-insensitively
    public async Task A_username_is_unique_regardless_of_case()
    {
        var username = Unique.Username("Taken");
        Registrar.Ok(await Choose(username, Registrar.Password));
        (await Choose(username.ToUpperInvariant(), Registrar.Password)).ShouldFailWith(ErrorCodes.UsernameTaken);
    }

    [Fact] // SA-1
    public async Task A_username_of_the_wrong_shape_is_refused_naming_the_field()
    {
        var result = await Choose("a b", Registrar.Password);
        result.ShouldFailWith(ErrorCodes.InvalidRequest);
        Assert.Equal("username", result.Failure!.Field);
    }

    [Fact] // SA-4d + SA-1: a lost username race leaves the identity free for the registration's next try
    public async Task A_taken_username_leaves_the_registration_at_its_step()
    {
        var taken = Unique.Username();
        Registrar.Ok(await Choose(taken, Registrar.Password));
        var id = await _registrar.UpToCredentials(People.Fresh());
        (await _registrar.Grain(id).ChooseCredentials(new ChooseCredentials(taken, Registrar.Password, null))).ShouldFailWith(ErrorCodes.UsernameTaken);
        Registrar.Ok(await _registrar.Grain(id).ChooseCredentials(new ChooseCredentials(Unique.Username(), Registrar.Password, null)));
    }

    [Fact] // SA-2: stored as an Argon2id PHC string that carries its parameters
    public async Task The_password_is_stored_as_an_argon2id_hash_only()
    {
        var username = Unique.Username();
        Registrar.Ok(await Choose(username, "stored only as a hash"));
        var stored = fixture.Storage.Find("user", fixture.Client.GetGrain<IUserGrain>(username).GetGrainId())!;
        Assert.Contains("$argon2id$v=19$m=19456,t=2,p=1$", stored);
        Assert.DoesNotContain("stored only as a hash", stored);
    }
}
