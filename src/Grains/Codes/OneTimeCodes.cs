using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SecureAccess.Security;

namespace SecureAccess.Codes;

/// SA-6: codes come from a CSPRNG, are stored as keyed hashes, compared in constant time, and die
/// after use, expiry, or too many wrong tries. Every code of the service goes through here.
public sealed class OneTimeCodes(KeyedHasher hasher, IOptions<CodeOptions> options, TimeProvider clock)
{
    public (string Code, StoredCode Stored) IssueDigits(string purpose, TimeSpan lifetime, int digits = 6)
    {
        var code = RandomNumberGenerator.GetInt32(0, (int)Math.Pow(10, digits)).ToString("D" + digits, System.Globalization.CultureInfo.InvariantCulture);
        return (code, Store(purpose, code, lifetime));
    }

    public StoredCode Store(string purpose, string code, TimeSpan lifetime) =>
        new() { Hash = hasher.Hash(purpose, code), ExpiresAt = clock.GetUtcNow() + lifetime };

    /// Judges `candidate` and records the outcome in `stored` (a try spent, or the code used up).
    public CodeCheck Check(StoredCode? stored, string purpose, string candidate)
    {
        if (stored is null || stored.Used || stored.WrongTries >= options.Value.MaxWrongTries || clock.GetUtcNow() >= stored.ExpiresAt)
            return CodeCheck.Dead;

        if (hasher.Matches(purpose, candidate.Trim(), stored.Hash))
        {
            stored.Used = true;
            return CodeCheck.Matched;
        }

        stored.WrongTries++;
        return CodeCheck.Wrong;
    }
}
