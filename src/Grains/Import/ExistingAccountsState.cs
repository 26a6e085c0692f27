namespace SecureAccess.Import;

[GenerateSerializer]
public sealed class ExistingAccountsState
{
    [Id(0)] public string? EServicesUsername { get; set; }
    [Id(1)] public string? PersonalUsername { get; set; }
    /// SA-18: both halves are one identity now (the saga below finished).
    [Id(2)] public bool Merged { get; set; }
    /// SA-19: the first online identity check that failed for this person after their e-Services account was imported.
    [Id(3)] public DateTimeOffset? OnlineAttemptFailedAt { get; set; }
    [Id(4)] public int OnlineAttemptFailures { get; set; }
}
