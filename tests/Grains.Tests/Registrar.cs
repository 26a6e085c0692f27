using SecureAccess.Common;
using SecureAccess.Registration;
using SecureAccess.Testing;

namespace SecureAccess.Grains.Tests;

/// Drives registrations straight through the grains, reading codes from the outbox grain.
public sealed class Registrar(ClusterFixture fixture)
{
    public const string Password = "grain test passphrase";

    public IRegistrationGrain Grain(Guid id) => fixture.Client.GetGrain<IRegistrationGrain>(id);

    public static string EmailOf(string username) => $"{username}@example.test";

    public async Task<(Guid Id, string Email)> Started(string? email = null)
    {
        email ??= Unique.Email();
        var id = RegistrationIds.New(fixture.Clock); // as the gateway makes them
        Ok(await Grain(id).Start(new StartRegistration(email)));
        return (id, email);
    }

    public async Task<Guid> UpToCredentials(Person person, string? email = null)
    {
        var (id, address) = await Started(email);
        Ok(await Grain(id).ConfirmEmail(await fixture.LatestCode(address)));
        Ok(await Grain(id).VerifyIdentity(person.Claim()));
        return id;
    }

    public async Task<Guid> UpToPhone(Person person, string username)
    {
        var id = await UpToCredentials(person, EmailOf(username));
        Ok(await Grain(id).ChooseCredentials(new ChooseCredentials(username, Password, null)));
        return id;
    }

    public async Task<(string Username, string Phone)> Complete(Person person, string? username = null, string? phone = null)
    {
        username ??= Unique.Username();
        phone ??= person.Phone; // SA-7: a number the records tie to the person
        var id = await UpToPhone(person, username);
        Ok(await Grain(id).AddPhone(phone));
        var done = Ok(await Grain(id).ConfirmPhone(await fixture.LatestCode(phone)));
        Assert.Equal(RegistrationSteps.Complete, done.Step);
        return (username, phone);
    }

    /// SA-7 then SA-8: the letter path finished with the authenticator app. Returns the app's key.
    public async Task<(string Username, byte[] Key)> CompleteWithAuthenticator(Person person, string? username = null, string? deviceId = null)
    {
        username ??= Unique.Username("app");
        var id = await UpToPhone(person, username);
        Ok(await Grain(id).RequestLetter());
        Ok(await Grain(id).ConfirmLetter(await fixture.LatestCode(username)));
        var enrollment = Ok(await Grain(id).EnrollAuthenticator(deviceId ?? "device-" + Guid.NewGuid()));
        var key = OtpNet.Base32Encoding.ToBytes(enrollment.Secret);
        Ok(await Grain(id).ConfirmAuthenticator(SecureAccess.Devices.Authenticator.CodeAt(key, fixture.Clock.GetUtcNow())));
        return (username, key);
    }

    public static T Ok<T>(Result<T> result)
    {
        Assert.True(result.Succeeded, $"expected success, got {result.Failure}");
        return result.Value!;
    }
}

public static class ResultAssertions
{
    public static void ShouldFailWith<T>(this Result<T> result, string code)
    {
        Assert.False(result.Succeeded, $"expected {code}, got success {result.Value}");
        Assert.Equal(code, result.Failure!.Code);
    }
}
