using System.Globalization;
using SecureAccess.LoadTest.Data;

namespace SecureAccess.LoadTest.Tests.Fakes;

/// Records in the fixtures format, as many as a test needs; every one verifies.
internal static class SyntheticIdentities
{
    public static IReadOnlyList<IdentityRecord> Create(int count, int first = 1) =>
        Enumerable.Range(first, count).Select(i => new IdentityRecord
        {
            Ssn = string.Create(CultureInfo.InvariantCulture, $"900-{i / 10000 % 100:00}-{i % 10000:0000}"),
            FirstName = "Test",
            LastName = string.Create(CultureInfo.InvariantCulture, $"Person{i}"),
            DateOfBirth = "1980-01-01",
            FilingStatus = "single",
            Address = new IdentityAddress { Line1 = "1 Main St", City = "Springfield", State = "IL", Zip = "62701" },
            FinancialAccounts = [new FinancialAccountRecord { Type = "mortgage", Number = string.Create(CultureInfo.InvariantCulture, $"MTG{i:000000}") }],
            // SA-7: the person's own number in the fictional 555-01xx lines (libphonenumber accepts them as mobile).
            MobilePhones = [PhoneNumberPlan.Default.NumberAt(i - 1)],
        }).ToList();

    public static IReadOnlyList<IdentityRecord> Fixtures()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "identity-records.json");
        return IdentityRecordFile.ReadAsync(path, CancellationToken.None).GetAwaiter().GetResult();
    }
}
