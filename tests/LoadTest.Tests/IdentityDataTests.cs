using SecureAccess.LoadTest.Data;
using SecureAccess.LoadTest.Tests.Fakes;

namespace SecureAccess.LoadTest.Tests;

public class IdentityDataTests
{
    [Fact] // shared/fixtures/README.md: which sample records verify, and with which account
    public void The_shipped_fixtures_verify_with_the_accounts_their_README_names()
    {
        var records = SyntheticIdentities.Fixtures().ToDictionary(r => r.FirstName);

        Assert.Equal("4111111111111111", records["Ada"].VerifiableAccount()?.Number);   // personal Visa
        Assert.Equal("mortgage", records["Grace"].VerifiableAccount()?.Type);         // not her AmEx
        Assert.Null(records["Alan"].VerifiableAccount());                              // SA-4b credit freeze
        Assert.Equal("heloc", records["Katherine"].VerifiableAccount()?.Type);        // not the debit card
        Assert.Equal("4222222222222", records["Edsger"].VerifiableAccount()?.Number); // not the corporate card
    }

    [Fact] // SA-4d: one identity per SSN
    public void The_supply_hands_each_usable_record_out_once_and_skips_ssns_already_registered()
    {
        var supply = new IdentitySupply(SyntheticIdentities.Fixtures(), ["521401002", null]);

        Assert.Equal(1, supply.Unverifiable);
        Assert.Equal(1, supply.AlreadyUsed);
        Assert.Equal(3, supply.Usable);
        var taken = new List<string>();
        while (supply.TryTake(out var record, out _))
        {
            taken.Add(record.FirstName);
        }

        Assert.Equal(["Ada", "Katherine", "Edsger"], taken);
        Assert.False(supply.TryTake(out _, out _));
    }

    [Fact] // SA-7: registrations that activate by SMS skip a record with no mobile phone tied to the name
    public void The_supply_for_sms_activation_skips_records_without_a_mobile_phone()
    {
        var supply = new IdentitySupply(SyntheticIdentities.Fixtures(), [], needsPhone: true);

        Assert.Equal(1, supply.WithoutPhone); // Edsger: "mobilePhones": []
        Assert.Equal(3, supply.Usable);       // Ada, Grace, Katherine (Alan cannot verify)
        Assert.Equal(["+12025550104", "+12025550114"], SyntheticIdentities.Fixtures().Single(r => r.FirstName == "Katherine").MobilePhones);
    }

    [Fact]
    public async Task Any_file_in_the_fixtures_format_is_read_however_large()
    {
        var path = Path.Combine(Path.GetTempPath(), $"identities-{Guid.NewGuid():N}.json");
        try
        {
            await JsonFiles.WriteAsync(path, SyntheticIdentities.Create(2500), CancellationToken.None);

            var records = await IdentityRecordFile.ReadAsync(path, CancellationToken.None);

            Assert.Equal(2500, records.Count);
            Assert.All(records, r => Assert.NotNull(r.VerifiableAccount()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Merging_users_keeps_the_file_order_updates_known_users_and_appends_new_ones()
    {
        var earlier = new[] { new UserAccount { Username = "a" }, new UserAccount { Username = "b", LastTotpStep = 1 } };
        var newer = new[] { new UserAccount { Username = "B", LastTotpStep = 9 }, new UserAccount { Username = "c" } };

        var merged = UsersFile.Merge(earlier, newer);

        Assert.Equal(["a", "B", "c"], merged.Select(u => u.Username));
        Assert.Equal(9, merged[1].LastTotpStep);
    }

    [Fact]
    public void Generated_credentials_are_unique_and_within_the_password_rules()
    {
        var names = new NameFactory("lt", "ab12");
        var usernames = Enumerable.Range(0, 1000).Select(_ => names.NextUsername()).ToList();
        var password = NameFactory.NewPassword();

        Assert.Equal(1000, usernames.Distinct().Count());
        Assert.Equal("ltab12000001", usernames[0]);
        Assert.InRange(password.Length, 12, 128); // SA-2
        Assert.NotEqual(password, NameFactory.NewPassword());
        Assert.EndsWith("@example.com", NameFactory.EmailFor(usernames[0]), StringComparison.Ordinal);
    }
}
