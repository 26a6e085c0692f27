namespace SecureAccess.Letters;

/// SA-7 and the code table: the postal activation code.
public sealed class LetterOptions
{
    public const string Section = "SecureAccess:Letters";
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromDays(30);
    public int BusinessDaysToArrive { get; set; } = 10;
}
