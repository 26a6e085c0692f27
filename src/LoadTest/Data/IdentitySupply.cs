using System.Collections.Concurrent;

namespace SecureAccess.LoadTest.Data;

/// Hands each identity record out once (SA-4d: an SSN registers once), skipping records that can
/// only fail verification and SSNs that an earlier batch in the users file already registered.
public sealed class IdentitySupply
{
    private readonly ConcurrentQueue<(IdentityRecord Record, FinancialAccountRecord Account)> queue = new();

    /// `needsPhone`: the registrations activate by SMS, so a record that lists no mobile phone
    /// (SA-7: `mobilePhones: []`) cannot finish and is skipped.
    public IdentitySupply(IEnumerable<IdentityRecord> records, IEnumerable<string?> registeredSsns, bool needsPhone = false)
    {
        ArgumentNullException.ThrowIfNull(records);
        var used = registeredSsns.Where(s => s is not null).Select(s => Digits(s!)).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var account = record.VerifiableAccount();
            if (account is null)
            {
                Unverifiable++;
            }
            else if (needsPhone && record.MobilePhones is { Count: 0 })
            {
                WithoutPhone++;
            }
            else if (used.Contains(Digits(record.Ssn)) || !seen.Add(Digits(record.Ssn)))
            {
                AlreadyUsed++;
            }
            else
            {
                queue.Enqueue((record, account));
            }
        }

        Usable = queue.Count;
    }

    /// Records with a credit freeze or no acceptable financial account (SA-4b, SA-4c).
    public int Unverifiable { get; }

    /// Records that list no mobile phone, skipped when registrations activate by SMS (SA-7).
    public int WithoutPhone { get; }

    /// Records whose SSN the users file already holds, or that repeat an SSN of the file.
    public int AlreadyUsed { get; }

    public int Usable { get; }

    public int Remaining => queue.Count;

    public bool TryTake(out IdentityRecord record, out FinancialAccountRecord account)
    {
        if (queue.TryDequeue(out var next))
        {
            (record, account) = next;
            return true;
        }

        record = null!;
        account = null!;
        return false;
    }

    public static string Digits(string ssn) => new(ssn.Where(char.IsAsciiDigit).ToArray());
}
