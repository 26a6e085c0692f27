using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SecureAccess.Registration;
using SecureAccess.Security;

namespace SecureAccess.Identity;

/// SA-4 against a JSON file of reference records. Matching follows fixtures/README.md: SSN digits,
/// names and address compared after normalisation; date of birth and filing status exactly; the
/// account number must be one of the record's accounts of the stated type.
public sealed class FileIdentityVerifier : IIdentityVerifier
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly FrozenDictionary<string, IdentityRecord> _bySsn;
    private readonly FrozenDictionary<string, FrozenSet<string>> _phonesBySsnHash;

    public FileIdentityVerifier(IOptions<IdentityRecordsOptions> options, SsnHasher ssnHasher)
    {
        var path = options.Value.Path;
        if (!File.Exists(path)) throw new InvalidOperationException($"Identity records file not found: {path} (set IdentityRecords:Path).");
        var records = JsonSerializer.Deserialize<List<IdentityRecord>>(File.ReadAllText(path), Json)
            ?? throw new InvalidOperationException($"Identity records file is empty: {path}.");
        _bySsn = records.ToFrozenDictionary(r => SsnHasher.Digits(r.Ssn));
        // Registrations and users hold only the SSN's HMAC (SA-4d), so the phones are looked up by it.
        // A listed number that does not parse can never match a parsed one, so it is left out.
        _phonesBySsnHash = records.Where(r => r.MobilePhones is { Count: > 0 }).ToFrozenDictionary(
            r => ssnHasher.Hash(r.Ssn),
            r => r.MobilePhones!.Select(p => Phones.PhoneNumberPolicy.ToE164(p)).Where(p => p.Succeeded).Select(p => p.Value!).ToFrozenSet());
    }

    public bool IsAssociatedPhone(string ssnHash, string phoneE164) =>
        _phonesBySsnHash.TryGetValue(ssnHash, out var phones) && phones.Contains(phoneE164);

    public int Count => _bySsn.Count;

    public PostalAddress? AddressOfRecord(string ssn) =>
        _bySsn.TryGetValue(SsnHasher.Digits(ssn), out var record) ? record.Address : null;

    public IdentityOutcome Verify(IdentityClaim claim)
    {
        if (!_bySsn.TryGetValue(SsnHasher.Digits(claim.Ssn), out var record)) return IdentityOutcome.NotVerified;
        var samePerson =
            Text(record.FirstName) == Text(claim.FirstName) &&
            Text(record.LastName) == Text(claim.LastName) &&
            record.DateOfBirth == claim.DateOfBirth &&
            record.FilingStatus == claim.FilingStatus &&
            SameAddress(record.Address, claim.Address);
        if (!samePerson) return IdentityOutcome.NotVerified;

        var account = record.FinancialAccounts.FirstOrDefault(a =>
            a.Type == claim.FinancialAccount.Type && AccountNumber(a.Number) == AccountNumber(claim.FinancialAccount.Number));
        if (account is null) return IdentityOutcome.NotVerified;

        // The freeze is told only to someone who has matched the whole record.
        if (record.CreditFreeze) return IdentityOutcome.CreditFreeze;
        if (account.Type == "credit_card" && !IsAcceptedCard(account)) return IdentityOutcome.CardNotAccepted;
        return IdentityOutcome.Verified;
    }

    private static bool IsAcceptedCard(ReferenceAccount card) =>
        !string.Equals(card.Network, "amex", StringComparison.OrdinalIgnoreCase) &&
        string.Equals(card.Kind ?? "personal", "personal", StringComparison.OrdinalIgnoreCase);

    private static bool SameAddress(PostalAddress a, PostalAddress b) =>
        Text(a.Line1) == Text(b.Line1) && Text(a.Line2) == Text(b.Line2) && Text(a.City) == Text(b.City) &&
        Text(a.State) == Text(b.State) && Zip(a.Zip) == Zip(b.Zip);

    /// Case, spaces and punctuation do not count.
    private static string Text(string? s) => new((s ?? "").Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// ZIP+4 compares as its first five digits.
    private static string Zip(string s)
    {
        var digits = new string(s.Where(char.IsAsciiDigit).ToArray());
        return digits.Length > 5 ? digits[..5] : digits;
    }

    private static string AccountNumber(string s) => new(s.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
}
