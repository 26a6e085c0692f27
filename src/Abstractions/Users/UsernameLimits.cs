namespace SecureAccess.Users;

/// Bounds the gateway checks on a request before any grain is called; the user grain's
/// UsernamePolicy applies the full rules (SA-1, SA-17) with the same numbers.
public static class UsernameLimits
{
    /// SA-17: existing e-Services usernames are kept as they are, up to this length (docs/decisions.md).
    public const int LegacyMaxLength = 128;
}
