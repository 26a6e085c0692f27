using System.Globalization;

namespace SecureAccess.LoadTest.Codes;

/// Well-formed codes that are certainly wrong, for the deliberate failures of `mixed`.
public static class WrongCode
{
    /// The smallest shift of the first avoided code that is not itself avoided: deterministic,
    /// same length, digits only.
    public static string Avoiding(IReadOnlyCollection<string> avoid, int digits = 6)
    {
        var modulus = (long)Math.Pow(10, digits);
        var start = avoid.Count > 0 && long.TryParse(avoid.First(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        for (var shift = 1L; shift < modulus; shift++)
        {
            var candidate = ((start + shift) % modulus).ToString(new string('0', digits), CultureInfo.InvariantCulture);
            if (!avoid.Contains(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Every code is avoided.");
    }
}
