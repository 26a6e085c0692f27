using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SecureAccess.Identity;
using SecureAccess.Security;
using SecureAccess.Users;

namespace SecureAccess.Grains.Tests.Identity;

/// Issue 14: the identity records' `mobilePhones` (SA-7) and the legacy-username limits (SA-17), below the grains.
public sealed class MobilePhoneRecordsTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"sa-phones-{Guid.NewGuid():N}.json");
    private readonly SsnHasher _hasher = new(Options.Create(new SecretKeysOptions { SsnHmacKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }));

    public void Dispose() => File.Delete(_file);

    private FileIdentityVerifier Verifier(string records)
    {
        File.WriteAllText(_file, records);
        return new FileIdentityVerifier(Options.Create(new IdentityRecordsOptions { Path = _file }), _hasher);
    }

    private const string Record = """
        {"ssn": "%SSN%", "firstName": "A", "lastName": "B", "dateOfBirth": "1980-01-01", "filingStatus": "single",
         "address": {"line1": "1 Main St", "line2": null, "city": "X", "state": "IL", "zip": "62701"}, "creditFreeze": false,
         "financialAccounts": [{"type": "mortgage", "number": "M1"}] %PHONES%}
        """;

    private static string R(string ssn, string phones) => Record.Replace("%SSN%", ssn).Replace("%PHONES%", phones);

    [Fact] // listed numbers compare in E.164, whatever form the file uses; a number that does not parse is ignored
    public void A_listed_number_is_associated_in_any_form_the_file_writes_it()
    {
        var verifier = Verifier($"[{R("111-22-3333", """, "mobilePhones": ["(202) 555-0199", "+1 646 555 0100", "not a phone"]""")}]");
        var hash = _hasher.Hash("111223333");
        Assert.True(verifier.IsAssociatedPhone(hash, "+12025550199"));
        Assert.True(verifier.IsAssociatedPhone(hash, "+16465550100"));
        Assert.False(verifier.IsAssociatedPhone(hash, "+12025550198"));
        Assert.False(verifier.IsAssociatedPhone(_hasher.Hash("111223334"), "+12025550199")); // another person
    }

    [Fact] // a record without the field, or with an empty list, has no associated phone
    public void A_record_without_mobile_phones_has_none()
    {
        var verifier = Verifier($"[{R("111-22-4444", "")}, {R("111-22-5555", """, "mobilePhones": []""")}]");
        Assert.False(verifier.IsAssociatedPhone(_hasher.Hash("111224444"), "+12025550199"));
        Assert.False(verifier.IsAssociatedPhone(_hasher.Hash("111225555"), "+12025550199"));
    }

    [Theory] // SA-17: legacy usernames are kept within these limits (docs/decisions.md)
    [InlineData("J Hopper", true)]
    [InlineData("q7", true)]
    [InlineData("grâce@navy.mil", true)]
    [InlineData("emoji😀name", true)]     // a paired surrogate is a character like any other
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData("tab\tname", false)]
    [InlineData("bidi\u202Ename", false)]
    public void Legacy_username_limits(string username, bool accepted) =>
        Assert.Equal(accepted, UsernamePolicy.CheckLegacy(username) is null);

    [Fact]
    public void Legacy_usernames_are_at_most_128_characters()
    {
        Assert.Null(UsernamePolicy.CheckLegacy(new string('a', 128)));
        Assert.NotNull(UsernamePolicy.CheckLegacy(new string('a', 129)));
        // Built here: theory data would pass through UTF-8 and lose the lone surrogate.
        Assert.NotNull(UsernamePolicy.CheckLegacy("lone" + '\uD800' + "surrogate"));
    }
}
