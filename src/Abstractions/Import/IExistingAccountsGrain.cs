using Orleans.Concurrency;
using SecureAccess.Common;

namespace SecureAccess.Import;

/// One person's existing accounts, keyed by the keyed hash of their SSN (never the SSN): which
/// e-Services and personal usernames were imported for them, whether the two have merged (SA-18),
/// and whether they tried online registration and failed (the condition of SA-19). Being one grain
/// per person, it serialises the import of both halves of a merge, whichever comes first.
public interface IExistingAccountsGrain : IGrainWithStringKey
{
    Task<Result<ImportResult>> ImportEServices(ImportedEServicesAccount account);
    Task<Result<ImportResult>> ImportPersonal(ImportedPersonalAccount account);

    /// Called by a registration whose identity check failed for this SSN; remembered only when an
    /// imported e-Services account belongs to it.
    Task RecordOnlineAttemptFailed(string outcome);

    /// Read-only, so it may interleave with a merge that is calling user grains.
    [AlwaysInterleave]
    Task<ExistingAccountsStanding> GetStanding();
}
