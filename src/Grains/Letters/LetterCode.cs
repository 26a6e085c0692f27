using System.Security.Cryptography;

namespace SecureAccess.Letters;

/// SA-7: a 10-character code from Crockford's base32 alphabet (no I, L, O, U), so a person reading a
/// letter cannot confuse 1/I/L or 0/O; input is read forgivingly in the same spirit.
public static class LetterCode
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 10;

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// Upper-cases, drops spaces and hyphens, reads I/L as 1 and O as 0.
    public static string Normalize(string input) => new(input
        .Where(c => c is not (' ' or '-'))
        .Select(c => char.ToUpperInvariant(c) switch { 'I' or 'L' => '1', 'O' => '0', var u => u })
        .ToArray());
}
