using System.Net;
using System.Text.Json.Nodes;
using SecureAccess.Cluster.Tests.Infrastructure;
using SecureAccess.Testing;
using Xunit.Abstractions;

namespace SecureAccess.Cluster.Tests;

/// The races of SA-5 and SA-10 over HTTP, through two gateways into two silos on PostgreSQL: the
/// single-activation guarantee has to hold across processes, not only inside one test silo (issue 12).
public sealed class CrossGatewayRaceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string SharedPhone = "+12025550177";
    private const int Racers = 50;
    private readonly string _identityFile = Path.Combine(Path.GetTempPath(), $"sa-race-identities-{Guid.NewGuid():N}.json");
    private LocalCluster _cluster = null!;
    private SecureAccessApi _one = null!, _two = null!;

    /// People 1..50 all list the shared number (carrier records may tie one number to several people;
    /// SA-5 still lets only one of them own it); person 51 has a number of their own.
    private static Person Racer(int n) => People.Generated(1900 + n);

    public async Task InitializeAsync()
    {
        var records = new JsonArray();
        for (var n = 1; n <= Racers + 1; n++)
        {
            var person = Racer(n);
            records.Add(new JsonObject
            {
                ["ssn"] = person.Ssn, ["firstName"] = person.FirstName, ["lastName"] = person.LastName,
                ["dateOfBirth"] = person.DateOfBirth, ["filingStatus"] = person.FilingStatus, ["address"] = person.Address.DeepClone(),
                ["creditFreeze"] = false,
                ["financialAccounts"] = new JsonArray(new JsonObject { ["type"] = person.AccountType, ["number"] = person.AccountNumber }),
                ["mobilePhones"] = new JsonArray(n <= Racers ? SharedPhone : OwnPhone),
            });
        }
        await File.WriteAllTextAsync(_identityFile, records.ToJsonString());

        _cluster = await LocalCluster.CreateAsync("races");
        _cluster.Settings["IdentityRecords__Path"] = _identityFile;
        await _cluster.StartSilo();
        await _cluster.StartSilo();
        _one = (await _cluster.StartGateway()).Api;
        _two = (await _cluster.StartGateway()).Api;
    }

    private const string OwnPhone = "+12025550178";

    public async Task DisposeAsync()
    {
        _cluster.WriteLogsTo(output);
        await _cluster.DisposeAsync();
        File.Delete(_identityFile);
    }

    private SecureAccessApi Through(int i) => i % 2 == 0 ? _one : _two;

    [Fact] // SA-5
    public async Task Fifty_registrations_through_two_gateways_claiming_one_number_have_exactly_one_winner()
    {
        var registrations = new List<string>();
        var codes = new List<string>();
        for (var i = 0; i < Racers; i++)
        {
            var username = Unique.Username("racer");
            var id = await Through(i).RegisterUpToPhone(Racer(i + 1), username, "a long passphrase 4 tests", Unique.Email(username));
            // Every registration gets its own activation code while the number is still free…
            await (await Through(i).Post($"/api/v1/registrations/{id}/phone", new JsonObject { ["phoneNumber"] = SharedPhone })).ShouldBe(HttpStatusCode.Accepted);
            registrations.Add(id);
            codes.Add(await Through(i).LatestCode(SharedPhone));
        }

        // …then all confirm at once, half through each gateway.
        var answers = await Task.WhenAll(registrations.Select((id, i) =>
            Through(i).Post($"/api/v1/registrations/{id}/phone/confirm", new JsonObject { ["code"] = codes[i] })));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        var refused = answers.Where(a => a.StatusCode != HttpStatusCode.OK).ToList();
        Assert.Equal(Racers - 1, refused.Count);
        foreach (var answer in refused) await answer.ShouldBeProblem(HttpStatusCode.Conflict, "phone_in_use");
    }

    [Fact] // SA-10
    public async Task Twenty_wrong_passwords_through_two_gateways_count_exactly_five_then_lock()
    {
        var user = await _one.Register(Racer(Racers + 1), phone: OwnPhone);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Through(i).SignIn(user.Username, "wrong password " + i)));

        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(15, answers.Count(a => a.StatusCode == HttpStatusCode.Locked));
        await (await _two.SignIn(user.Username, user.Password)).ShouldBeProblem(HttpStatusCode.Locked, "account_locked");
        await (await _one.SignIn(user.Username, user.Password)).ShouldBeProblem(HttpStatusCode.Locked, "account_locked");
    }
}
