using System.Globalization;
using System.Security.Cryptography;

namespace SecureAccess.LoadTest.Data;

/// Usernames, e-mail addresses, passwords and device ids for new registrants. A random run tag
/// keeps usernames of two runs against the same server apart (SA-1: usernames are unique).
public sealed class NameFactory
{
    private const string Base36 = "0123456789abcdefghijklmnopqrstuvwxyz";
    private long sequence;

    public NameFactory(string prefix, string? runTag = null)
    {
        Prefix = prefix.ToLowerInvariant();
        RunTag = runTag ?? RandomNumberGenerator.GetString(Base36, 4);
    }

    public string Prefix { get; }

    public string RunTag { get; }

    public string NextUsername() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{RunTag}{Interlocked.Increment(ref sequence):000000}");

    /// example.com is reserved for documentation (RFC 2606): nothing is ever delivered there.
    public static string EmailFor(string username) => $"{username}@example.com";

    /// 22 random characters: within SA-2's 12-128 and never on a breached-password list.
    public static string NewPassword() =>
        "Lt-" + RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 19);

    public static string NewDeviceId() => "loadtest-" + Guid.NewGuid().ToString("N");

    public string UnknownUsername() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{RunTag}nobody{RandomNumberGenerator.GetString(Base36, 8)}");
}
