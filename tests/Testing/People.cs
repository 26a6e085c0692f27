using System.Text.Json;
using System.Text.Json.Nodes;
using SecureAccess.Registration;

namespace SecureAccess.Testing;

/// Applicants from the shipped identity records: the five named samples of fixtures/README.md and the
/// generated ones (for races that need many distinct people).
public sealed record Person(string Ssn, string FirstName, string LastName, string DateOfBirth, string FilingStatus,
    JsonObject Address, string AccountType, string AccountNumber, IReadOnlyList<string> MobilePhones)
{
    /// The first number the identity records tie to this person (SA-7); generated people have three:
    /// their own, a second of their own (for a phone change), and a family phone shared with one other person.
    public string Phone => MobilePhones[0];
    public string SecondPhone => MobilePhones[1];
    public string FamilyPhone => MobilePhones[2];

    /// The identity step's JSON body, as a client sends it.
    public JsonObject IdentityBody(string? accountType = null, string? accountNumber = null) => new()
    {
        ["firstName"] = FirstName,
        ["lastName"] = LastName,
        ["dateOfBirth"] = DateOfBirth,
        ["ssn"] = Ssn,
        ["filingStatus"] = FilingStatus,
        ["address"] = Address.DeepClone(),
        ["financialAccount"] = new JsonObject { ["type"] = accountType ?? AccountType, ["number"] = accountNumber ?? AccountNumber },
    };

    public IdentityClaim Claim(string? accountType = null, string? accountNumber = null) => new(
        FirstName, LastName, DateOnly.Parse(DateOfBirth, System.Globalization.CultureInfo.InvariantCulture), Ssn, FilingStatus,
        new PostalAddress((string)Address["line1"]!, (string?)Address["line2"], (string)Address["city"]!, (string)Address["state"]!, (string)Address["zip"]!),
        new FinancialAccount(accountType ?? AccountType, accountNumber ?? AccountNumber));
}

public static class People
{
    private static readonly Lazy<JsonArray> Records = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "identity-records.synthetic.json")))!.AsArray());

    public static Person Ada => Named("521-40-1001", "student_loan");
    public static Person Grace => Named("521-40-1002", "mortgage");
    public static Person Alan => Named("521-40-1003", "auto_loan");
    public static Person Katherine => Named("521-40-1004", "heloc");
    public static Person Edsger => Named("521-40-1005", "credit_card", "4222222222222");

    private static int _fresh;

    /// A generated person no other test in this process has used (SA-4d allows one registration per SSN).
    public static Person Fresh() => Generated(Interlocked.Increment(ref _fresh));

    /// Two generated people whose records list the same family phone (SA-5 still lets one own it).
    public static (Person, Person) FreshFamily()
    {
        var second = Interlocked.Add(ref _fresh, 3); // n and n+1 share a number when n is odd
        var first = second % 2 == 0 ? second - 1 : second - 2;
        return (Generated(first), Generated(first + 1));
    }

    /// The n-th generated person (n from 1), each with a distinct SSN.
    public static Person Generated(int n) => Named($"900-{n / 10000:00}-{n % 10000:0000}", "student_loan");

    public static string AccountNumberOf(string ssn, string type, string? kind = null) =>
        (string)Record(ssn)["financialAccounts"]!.AsArray()
            .First(a => (string)a!["type"]! == type && (kind is null || (string?)a["kind"] == kind))!["number"]!;

    private static JsonObject Record(string ssn) => Records.Value.First(r => (string)r!["ssn"]! == ssn)!.AsObject();

    private static Person Named(string ssn, string accountType, string? number = null)
    {
        var r = Record(ssn);
        return new Person(ssn, (string)r["firstName"]!, (string)r["lastName"]!, (string)r["dateOfBirth"]!, (string)r["filingStatus"]!,
            r["address"]!.DeepClone().AsObject(), accountType, number ?? AccountNumberOf(ssn, accountType),
            r["mobilePhones"]?.AsArray().Select(p => (string)p!).ToArray() ?? []);
    }

    public static string Json(this JsonNode node) => node.ToJsonString(new JsonSerializerOptions());
}
