namespace SecureAccess.Passwords;

/// SA-2: length bounds (counted in Unicode characters after NFKC); no composition rules.
public sealed class PasswordPolicyOptions
{
    public const string Section = "SecureAccess:PasswordPolicy";
    public int MinLength { get; set; } = 12;
    public int MaxLength { get; set; } = 128;
}
