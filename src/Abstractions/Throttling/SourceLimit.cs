namespace SecureAccess.Throttling;

/// The per-source counters besides sign-in (issue 11); their sizes are `SourceLimitOptions`.
[GenerateSerializer]
public enum SourceLimit
{
    /// Registrations started (POST /registrations).
    Registrations = 0,
    /// Password recoveries asked for (POST /recovery/password).
    PasswordRecoveries = 1,
    /// Username reminders asked for (POST /recovery/username).
    UsernameReminders = 2,
    /// Failed identity checks during registration (SA-4).
    IdentityFailures = 3,
    /// Wrong `X-Operator-Key` values.
    OperatorKeyFailures = 4,
}
