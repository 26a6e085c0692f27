using System.Text.RegularExpressions;
using SecureAccess.Common;

namespace SecureAccess.Users;

/// SA-1: a username is chosen once and compared case-insensitively, so it is stored lower-cased.
public static partial class UsernamePolicy
{
    public static string Normalize(string username) => GrainKeys.Username(username);

    public static Failure? Check(string username)
    {
        var u = Normalize(username);
        if (!Shape().IsMatch(u))
            return Failure.Invalid("username", "A username is 3 to 64 characters: letters, digits, '.', '-', '_', starting with a letter or digit.");
        return null;
    }

    /// SA-17 (issue 14): an imported username is permanent and kept as it is — only case-folded like
    /// every username — within limits that keep it safe to store, key by and log (docs/decisions.md):
    /// 1 to 128 characters after trimming, none of them a control, format (zero-width, bidi) or
    /// line/paragraph separator character, no unpaired surrogate.
    public const int LegacyMaxLength = UsernameLimits.LegacyMaxLength;

    public static Failure? CheckLegacy(string username)
    {
        var u = Normalize(username);
        if (u.Length is 0 or > LegacyMaxLength)
            return Failure.Invalid("username", $"An existing username is 1 to {LegacyMaxLength} characters.");
        for (var i = 0; i < u.Length; i++)
        {
            var c = u[i];
            if (char.IsHighSurrogate(c) && i + 1 < u.Length && char.IsLowSurrogate(u[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Control
                    or System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator
                    or System.Globalization.UnicodeCategory.ParagraphSeparator)
                return Failure.Invalid("username", "An existing username may not hold control, invisible formatting or line-break characters.");
        }
        return null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$")]
    private static partial Regex Shape();
}
