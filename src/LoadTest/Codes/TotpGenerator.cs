using OtpNet;

namespace SecureAccess.LoadTest.Codes;

/// Computes authenticator codes the way the user's phone would (RFC 6238, SHA-1, 30 s steps),
/// so a sign-in with `--method app` needs nothing from the server but the enrolled secret.
public sealed class TotpGenerator
{
    public const int StepSeconds = 30;

    private readonly Totp totp;
    private readonly int digits;

    public TotpGenerator(byte[] key, int digits = 6)
    {
        ArgumentNullException.ThrowIfNull(key);
        this.digits = digits;
        totp = new Totp(key, StepSeconds, OtpHashMode.Sha1, digits);
    }

    /// From the base32 secret of `POST /registrations/{id}/authenticator` or its otpauth URI.
    public static TotpGenerator FromBase32(string secret, int digits = 6) =>
        new(Base32Encoding.ToBytes(secret.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant()), digits);

    /// The time step that holds <paramref name="time"/>.
    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / StepSeconds;

    public string CodeAt(DateTimeOffset time) => totp.ComputeTotp(time.UtcDateTime);

    public string CodeForStep(long step) => CodeAt(DateTimeOffset.FromUnixTimeSeconds(step * StepSeconds));

    /// A well-formed code the server must refuse: it matches none of the steps a server could
    /// accept around <paramref name="step"/> (SA: the current and the previous one; the next one
    /// too, in case the server allows clock drift forward).
    public string WrongCodeNear(long step)
    {
        var near = new HashSet<string>(StringComparer.Ordinal)
        {
            CodeForStep(step - 1), CodeForStep(step), CodeForStep(step + 1),
        };
        return WrongCode.Avoiding(near, digits);
    }
}
