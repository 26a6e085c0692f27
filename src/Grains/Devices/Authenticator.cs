using System.Security.Cryptography;
using OtpNet;

namespace SecureAccess.Devices;

/// SA-8 and the code table: TOTP per RFC 6238 (SHA-1, 6 digits, 30-second steps). A code is good for
/// the current step and the one before (60 s at most), and never for a step at or before the last
/// one accepted — so a code cannot be replayed, even on another silo, since the user's grain keeps it.
public static class Authenticator
{
    public const int StepSeconds = 30;
    public const int Digits = 6;
    public const string Issuer = "SecureAccess";

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(20);

    public static string Base32(byte[] key) => Base32Encoding.ToString(key).TrimEnd('=');

    public static string OtpauthUri(string username, byte[] key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(username)}" +
        $"?secret={Base32(key)}&issuer={Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits={Digits}&period={StepSeconds}";

    /// The 30-second step the code belongs to, or null when it matches neither the current nor the previous step.
    public static long? MatchingStep(byte[] key, string code, DateTimeOffset now)
    {
        var candidate = code.Trim();
        if (candidate.Length != Digits || !candidate.All(char.IsAsciiDigit)) return null;
        var totp = new Totp(key, StepSeconds, OtpHashMode.Sha1, Digits);
        return totp.VerifyTotp(now.UtcDateTime, candidate, out var step, new VerificationWindow(previous: 1, future: 0)) ? step : null;
    }

    /// A code for `now`, as an app would show it (used by tests and the load generator's own copy is independent).
    public static string CodeAt(byte[] key, DateTimeOffset now) => new Totp(key, StepSeconds, OtpHashMode.Sha1, Digits).ComputeTotp(now.UtcDateTime);
}
