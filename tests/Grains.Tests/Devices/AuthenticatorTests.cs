using System.Text;
using SecureAccess.Common;
using SecureAccess.Devices;
using SecureAccess.Registration;
using SecureAccess.SignIn;
using SecureAccess.Testing;
using SecureAccess.Users;

namespace SecureAccess.Grains.Tests.Devices;

[Collection(ClusterCollection.Name)]
public sealed class AuthenticatorTests(ClusterFixture fixture)
{
    private readonly Registrar _registrar = new(fixture);
    private static readonly byte[] Rfc6238Key = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory] // SA-8: RFC 6238 Appendix B, SHA-1 — the last six digits of its eight-digit values
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1111111111L, "050471")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    [InlineData(20000000000L, "353130")]
    public void The_verifier_accepts_the_RFC_6238_SHA1_vectors(long unixTime, string code)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(unixTime);
        Assert.Equal(unixTime / 30, Authenticator.MatchingStep(Rfc6238Key, code, at));
        Assert.Null(Authenticator.MatchingStep(Rfc6238Key, code, at.AddSeconds(61)));
    }

    [Fact] // SA-8: codes from an independent implementation (oathtool) verify
    public void Codes_made_by_oathtool_verify()
    {
        var key = Authenticator.NewKey();
        var at = fixture.Clock.GetUtcNow();
        var code = Oathtool.Code(Authenticator.Base32(key), at);
        Assert.NotNull(Authenticator.MatchingStep(key, code, at));
        Assert.NotNull(Authenticator.MatchingStep(key, code, at.AddSeconds(30)));
        Assert.Null(Authenticator.MatchingStep(key, code, at.AddSeconds(60)));
    }

    [Fact] // SA-8: the otpauth URI carries issuer SecureAccess, SHA1, 6 digits, period 30 and the shown secret
    public async Task Enrolment_shows_the_key_once_as_secret_and_otpauth_uri()
    {
        var username = Unique.Username("uri");
        var id = await _registrar.UpToPhone(People.Fresh(), username);
        Registrar.Ok(await _registrar.Grain(id).RequestLetter());
        Registrar.Ok(await _registrar.Grain(id).ConfirmLetter(await fixture.LatestCode(username)));
        var enrollment = Registrar.Ok(await _registrar.Grain(id).EnrollAuthenticator("device-uri-" + Unique.Next()));

        Assert.StartsWith($"otpauth://totp/SecureAccess:{username}?", enrollment.OtpauthUri);
        Assert.Contains($"secret={enrollment.Secret}", enrollment.OtpauthUri);
        Assert.Contains("issuer=SecureAccess", enrollment.OtpauthUri);
        Assert.Contains("algorithm=SHA1", enrollment.OtpauthUri);
        Assert.Contains("digits=6", enrollment.OtpauthUri);
        Assert.Contains("period=30", enrollment.OtpauthUri);
        // Stored only sealed: the base32 secret is nowhere in storage.
        Assert.DoesNotContain(enrollment.Secret, fixture.Storage.AllText());

        var code = Oathtool.Code(enrollment.Secret, fixture.Clock.GetUtcNow());
        Assert.Equal(RegistrationSteps.Complete, Registrar.Ok(await _registrar.Grain(id).ConfirmAuthenticator(code)).Step);
        Assert.DoesNotContain(enrollment.Secret, fixture.Storage.AllText());
    }

    [Fact] // SA-8 + code table: steps T and T−1 are accepted, T−2 refused
    public async Task An_app_code_is_good_for_the_current_and_previous_step_only()
    {
        var users = new List<(string Username, byte[] Key)>();
        for (var i = 0; i < 3; i++) users.Add(await _registrar.CompleteWithAuthenticator(People.Fresh()));
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        var now = fixture.Clock.GetUtcNow();

        Assert.True((await SignInWithApp(users[0], Authenticator.CodeAt(users[0].Key, now))).Succeeded);
        Assert.True((await SignInWithApp(users[1], Authenticator.CodeAt(users[1].Key, now.AddSeconds(-30)))).Succeeded);
        (await SignInWithApp(users[2], Authenticator.CodeAt(users[2].Key, now.AddSeconds(-60)))).ShouldFailWith(ErrorCodes.InvalidCode);
    }

    [Fact] // SA-8: no replay — the same code twice, the second refused
    public async Task The_same_app_code_cannot_be_used_twice()
    {
        var user = await _registrar.CompleteWithAuthenticator(People.Fresh());
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var code = Authenticator.CodeAt(user.Key, fixture.Clock.GetUtcNow());
        Assert.True((await SignInWithApp(user, code)).Succeeded);
        (await SignInWithApp(user, code)).ShouldFailWith(ErrorCodes.InvalidCode);
    }

    [Fact] // SA-8: no replay under a race — two parallel verifies of one code, exactly one wins
    public async Task Two_parallel_verifies_with_one_app_code_have_one_winner()
    {
        var user = await _registrar.CompleteWithAuthenticator(People.Fresh());
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var code = Authenticator.CodeAt(user.Key, fixture.Clock.GetUtcNow());
        var first = Registrar.Ok(await fixture.Client.GetGrain<IUserGrain>(user.Username).BeginSignIn(Registrar.Password));
        var second = Registrar.Ok(await fixture.Client.GetGrain<IUserGrain>(user.Username).BeginSignIn(Registrar.Password));
        Assert.Equal(SecondFactorMethods.App, first.Method);

        var results = await Task.WhenAll(
            fixture.Client.GetGrain<ISignInChallengeGrain>(first.ChallengeId).Verify(code),
            fixture.Client.GetGrain<ISignInChallengeGrain>(second.ChallengeId).Verify(code));
        Assert.Equal(1, results.Count(r => r.Succeeded));
    }

    [Fact] // SA-5, SA-8: two users enrolling one device concurrently — exactly one owner
    public async Task Two_users_confirming_one_device_concurrently_have_one_owner()
    {
        var device = "shared-device-" + Unique.Next();
        var registrations = new List<(Guid Id, string Username, byte[] Key)>();
        for (var i = 0; i < 2; i++)
        {
            var username = Unique.Username("dev");
            var id = await _registrar.UpToPhone(People.Fresh(), username);
            Registrar.Ok(await _registrar.Grain(id).RequestLetter());
            Registrar.Ok(await _registrar.Grain(id).ConfirmLetter(await fixture.LatestCode(username)));
            var enrollment = Registrar.Ok(await _registrar.Grain(id).EnrollAuthenticator(device));
            registrations.Add((id, username, OtpNet.Base32Encoding.ToBytes(enrollment.Secret)));
        }
        var now = fixture.Clock.GetUtcNow();
        var results = await Task.WhenAll(registrations.Select(r => _registrar.Grain(r.Id).ConfirmAuthenticator(Authenticator.CodeAt(r.Key, now))));

        Assert.Equal(1, results.Count(r => r.Succeeded));
        Assert.Equal(1, results.Count(r => r.Failure?.Code == ErrorCodes.DeviceInUse));
        var winner = registrations[Array.FindIndex(results, r => r.Succeeded)].Username;
        Assert.Equal(winner, await fixture.Client.GetGrain<IDeviceGrain>(device).GetOwner());
    }

    private async Task<Result<SessionIssued>> SignInWithApp((string Username, byte[] Key) user, string code)
    {
        var challenge = Registrar.Ok(await fixture.Client.GetGrain<IUserGrain>(user.Username).BeginSignIn(Registrar.Password));
        Assert.Equal(SecondFactorMethods.App, challenge.Method);
        return await fixture.Client.GetGrain<ISignInChallengeGrain>(challenge.ChallengeId).Verify(code);
    }
}
