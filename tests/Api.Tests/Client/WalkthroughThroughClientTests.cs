using SecureAccess.Client;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.Client;

/// README.md's walk-through once more, through the generated typed client (src/Client, issue 12)
/// instead of curl: what a client app that generated its code from the OpenAPI document gets. It has
/// its own host, because Ada and Edsger (records 1001 and 1005) can register only once.
public sealed class WalkthroughThroughClientTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly SecureAccessClient _client = Client(factory);

    [Fact] // SA-1…SA-5, SA-7…SA-10, as README.md's walk-through
    public async Task The_readme_walkthrough_runs_through_the_generated_client()
    {
        // 1. Email → confirmation code (SA-3)
        var started = await _client.StartRegistrationAsync(new StartRegistrationRequest { Email = "ada@example.test" });
        Assert.Equal(201, started.StatusCode);
        var id = started.Result.RegistrationId;
        Assert.Equal("confirm-email", started.Result.Step);
        Assert.Equal("verify-identity", (await _client.ConfirmRegistrationEmailAsync(id, new CodeRequest { Code = await Code("ada@example.test") })).Result.Step);

        // 2. Identity (SA-4), 3. username and password (SA-1, SA-2)
        var identity = await _client.VerifyRegistrationIdentityAsync(id, Identity("Ada", "Lovelace", "1985-12-10", "521-40-1001", "single",
            new AddressBody { Line1 = "12 Analytical Way", City = "Springfield", State = "IL", Zip = "62701" },
            new FinancialAccountBody { Type = "student_loan", Number = "SL0001234567" }));
        Assert.Equal("choose-credentials", identity.Result.Step);
        await _client.ChooseRegistrationCredentialsAsync(id, new CredentialsRequest { Username = "ada", Password = "analytical engine 1843" });

        // 4. Mobile phone → SMS activation code (SA-5, SA-7)
        var phone = await _client.AddRegistrationPhoneAsync(id, new PhoneRequest { PhoneNumber = "(202) 555-0101" });
        Assert.Equal(202, phone.StatusCode);
        var done = await _client.ConfirmRegistrationPhoneAsync(id, new CodeRequest { Code = await Code("+12025550101") });
        Assert.Equal("complete", done.Result.Step);

        // 5. Sign in: password, then the SMS security code (SA-9) → an access token
        var challenge = await _client.SignInAsync(new UsernamePasswordRequest { Username = "ada", Password = "analytical engine 1843" });
        Assert.Equal("sms", challenge.Result.Method);
        var token = await _client.VerifySignInAsync(challenge.Result.ChallengeId, new CodeRequest { Code = await Code("+12025550101") });
        Assert.Equal("Bearer", token.Result.TokenType);
        var ada = _client.WithAccessToken(token.Result.AccessToken);
        Assert.Equal("ada", (await ada.GetAccountAsync()).Result.Username);

        // 6. Sign out: the token is dead from then on (401)
        Assert.Equal(204, (await ada.SignOutAsync()).StatusCode);
        Assert.Equal(401, (await Assert.ThrowsAsync<SecureAccessApiException<ProblemDetails>>(() => ada.GetAccountAsync())).StatusCode);

        // 7. Five wrong passwords lock the username (SA-10); even the right one then gets 423 + Retry-After
        // (problems the document declares arrive typed: ProblemDetails with API.md's `code`)
        for (var i = 0; i < 5; i++)
        {
            var wrong = await Assert.ThrowsAsync<SecureAccessApiException<ProblemDetails>>(() => _client.SignInAsync(new UsernamePasswordRequest { Username = "ada", Password = "wrong password!" }));
            Assert.Equal((401, ProblemDetailsCode.Invalid_credentials), (wrong.StatusCode, wrong.Result.Code));
        }

        var locked = await Assert.ThrowsAsync<SecureAccessApiException<ProblemDetails>>(() => _client.SignInAsync(new UsernamePasswordRequest { Username = "ada", Password = "analytical engine 1843" }));
        Assert.Equal((423, ProblemDetailsCode.Account_locked), (locked.StatusCode, locked.Result.Code));
        Assert.True(locked.Headers.ContainsKey("Retry-After"));
        Assert.Equal(factory.Clock.GetUtcNow().AddHours(24), locked.Result.LockedUntil);

        // 8. Edsger: the activation code by mail (SA-7), then the authenticator app (SA-8)
        var edsger = (await _client.StartRegistrationAsync(new StartRegistrationRequest { Email = "edsger@example.test" })).Result.RegistrationId;
        await _client.ConfirmRegistrationEmailAsync(edsger, new CodeRequest { Code = await Code("edsger@example.test") });
        await _client.VerifyRegistrationIdentityAsync(edsger, Identity("Edsger", "Dijkstra", "1972-05-11", "521-40-1005", "qualifying_surviving_spouse",
            new AddressBody { Line1 = "3 Shortest Path", City = "Austin", State = "TX", Zip = "78701" },
            new FinancialAccountBody { Type = "credit_card", Number = "4222222222222" }));
        await _client.ChooseRegistrationCredentialsAsync(edsger, new CredentialsRequest { Username = "edsger", Password = "goto considered harmful" });
        var letter = await _client.RequestActivationLetterAsync(edsger);
        Assert.Equal(202, letter.StatusCode);
        Assert.NotNull(letter.Result.ExpectedBy);
        var lettered = await _client.ConfirmActivationLetterAsync(edsger, new CodeRequest { Code = await Code("edsger") });
        Assert.Equal("choose-second-factor", lettered.Result.Step);
        var key = await _client.EnrollRegistrationAuthenticatorAsync(edsger, new DeviceRequest { DeviceId = "edsgers-phone" });
        Assert.Equal(201, key.StatusCode);
        var enrolled = await _client.ConfirmRegistrationAuthenticatorAsync(edsger, new CodeRequest { Code = Oathtool.Code(key.Result.Secret, factory.Clock.GetUtcNow()) });
        Assert.Equal("complete", enrolled.Result.Step);

        // A code is good once per 30-second step: the next step signs him in.
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var appChallenge = await _client.SignInAsync(new UsernamePasswordRequest { Username = "edsger", Password = "goto considered harmful" });
        Assert.Equal("app", appChallenge.Result.Method);
        var appToken = await _client.VerifySignInAsync(appChallenge.Result.ChallengeId, new CodeRequest { Code = Oathtool.Code(key.Result.Secret, factory.Clock.GetUtcNow()) });
        Assert.True((await _client.WithAccessToken(appToken.Result.AccessToken).GetAccountAsync()).Result.AuthenticatorEnrolled);
    }

    /// The newest code the development outbox holds for `to` (README's `code` helper).
    private async Task<string> Code(string to)
    {
        var messages = (await _client.ReadDevelopmentOutboxAsync(to)).Result;
        Assert.NotEmpty(messages);
        return messages.Last().Code;
    }

    private static IdentityRequest Identity(string first, string last, string born, string ssn, string filing, AddressBody address, FinancialAccountBody account) => new()
    {
        FirstName = first,
        LastName = last,
        DateOfBirth = DateTimeOffset.Parse(born, System.Globalization.CultureInfo.InvariantCulture),
        Ssn = ssn,
        FilingStatus = filing,
        Address = address,
        FinancialAccount = account,
    };

    /// The in-memory test host's HttpClient, from an address of its own (issue 11's per-source limits),
    /// under the generated client.
    private static SecureAccessClient Client(ApiFactory factory)
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add(TestClientSource.Header, TestClientSource.Fresh());
        return new SecureAccessClient(http);
    }
}
