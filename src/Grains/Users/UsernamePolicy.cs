using System.Text.RegularExpressions;
using SecureAccess.Common;

namespace SecureAccess.Users;

/// SA-1: a username is chosen once and compared case-insensitively, so it is stored lower-cased.
public static partial class UsernamePolicy
{
    public static string Normalize(string username) => username.Trim().ToLowerInvariant();

    public static Failure? Check(string username)
    {
        var u = Normalize(username);
        if (!Shape().IsMatch(u))
            return Failure.Invalid("username", "A username is 3 to 64 characters: letters, digits, '.', '-', '_', starting with a letter or digit.");
        return null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$")]
    private static partial Regex Shape();
}
