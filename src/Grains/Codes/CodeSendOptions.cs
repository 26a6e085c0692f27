namespace SecureAccess.Codes;

/// SA-6: resends are rate-limited per user.
public sealed class CodeSendOptions
{
    public const string Section = "SecureAccess:CodeSends";
    public int PerMinute { get; set; } = 1;
    public int PerHour { get; set; } = 5;
}
