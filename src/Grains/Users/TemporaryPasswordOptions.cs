namespace SecureAccess.Users;

/// SA-12: a temporary password works once and for this long.
public sealed class TemporaryPasswordOptions
{
    public const string Section = "SecureAccess:TemporaryPasswords";
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(24);
    public int Length { get; set; } = 16;

    /// No look-alike characters, since an assistor may read it out over the phone.
    public const string Alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
}
