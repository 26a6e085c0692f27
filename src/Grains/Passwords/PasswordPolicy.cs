using System.Reflection;
using System.Text;
using Microsoft.Extensions.Options;
using SecureAccess.Common;

namespace SecureAccess.Passwords;

/// SA-2: what a new password must be. NFKC-normalised, 12–128 characters, not on the shipped
/// blocklist of common passwords, and not the username itself.
public sealed class PasswordPolicy(IOptions<PasswordPolicyOptions> options)
{
    private static readonly Lazy<HashSet<string>> Blocklist = new(LoadBlocklist);

    /// The form that is hashed and verified, so visually identical input always matches.
    public static string Normalize(string password) => password.Normalize(NormalizationForm.FormKC);

    public Failure? Check(string password, string? username = null)
    {
        var normalized = Normalize(password);
        var length = normalized.EnumerateRunes().Count();
        var o = options.Value;
        if (length < o.MinLength || length > o.MaxLength)
            return Weak($"The password must be {o.MinLength} to {o.MaxLength} characters long.");
        if (Blocklist.Value.Contains(normalized.ToLowerInvariant()))
            return Weak("That password is too common; choose another.");
        if (username is not null && normalized.Contains(username, StringComparison.OrdinalIgnoreCase))
            return Weak("The password must not contain the username.");
        return null;
    }

    private static Failure Weak(string detail) => new(ErrorCodes.WeakPassword, detail, "password");

    private static HashSet<string> LoadBlocklist()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("common-passwords.txt")
            ?? throw new InvalidOperationException("The password blocklist resource is missing.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#') set.Add(line.Trim().ToLowerInvariant());
        }
        return set;
    }
}
