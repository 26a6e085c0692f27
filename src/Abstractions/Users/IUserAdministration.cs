using SecureAccess.Common;
using SecureAccess.HelpDesk;
using SecureAccess.Import;

namespace SecureAccess.Users;

/// The same user grain as `IUserGrain`, seen by operators, the help desk, the import and the
/// e-Services products (SA-17 to SA-21). Every call still runs one at a time in the user's grain.
public interface IUserAdministration : IGrainWithStringKey
{
    /// SA-17: an e-Services account, kept in status `Imported` until its owner registers.
    Task<Result<ImportResult>> ImportEServices(ImportedEServicesAccount account);

    /// SA-18: a personal Secure Access account, active with its verified phone.
    Task<Result<ImportResult>> ImportPersonal(ImportedPersonalAccount account);

    /// SA-18, on the personal account: what it hands over to its e-Services account.
    Task<Result<MergeCredentials>> HandOverForMerge(string ssnHash);

    /// SA-18, on the e-Services account: takes the personal account's password, phone and email.
    Task<Result<MergeAdoption>> AdoptMerged(string ssnHash, MergeCredentials credentials);

    /// SA-18, on the personal account: stops signing in on its own (answers like a wrong password).
    Task<Result<Done>> RetireInto(string ssnHash, string username);

    /// SA-17: a registration's choose-credentials step with `existingPassword` reserves the
    /// imported e-Services username for that registration.
    Task<Result<Done>> ReserveByMigration(MigrationClaim claim);

    [SafeToRepeat]
    Task<Result<HelpDeskUserView>> GetHelpDeskView();

    /// SA-20: an in-person verification at a Taxpayer Assistance Center.
    Task<Result<InPersonRecorded>> RecordInPersonVerification(InPersonVerification verification);

    /// SA-19: the help desk creates the Secure Access account of an existing e-Services user.
    Task<Result<ExceptionAccountCreated>> CreateByException(ExceptionRequest request);

    /// SA-21: may this session open this product?
    Task<Result<ProductAccess>> CheckProductAccess(Guid sessionId, string product);

    /// SA-21: an operator grants or revokes a product for this user; both are idempotent and audited.
    Task<Result<Done>> GrantProduct(string product);
    Task<Result<Done>> RevokeProduct(string product);

    /// SA-21: an operator records a client authorization for this user as the tax professional.
    Task<Result<Guid>> RecordClientAuthorization(Transcripts.ClientAuthorizationRequest request);

    /// SA-21: a Transcript Delivery request from this professional's session, for one client.
    Task<Result<Transcripts.TranscriptRequestAccepted>> RequestTranscript(Transcripts.TranscriptRequest request);
}

/// SA-17: the reservation a registration makes for an imported username, with the proof.
[GenerateSerializer, Immutable]
public sealed record MigrationClaim(
    [property: Id(0)] NewUser User,
    [property: Id(1)] string ExistingPassword,
    [property: Id(2)] string NewPassword,
    [property: Id(3)] string? RecoveryCode = null)
{
    public override string ToString() => $"MigrationClaim {{ Username = {User.Username}, Passwords = *** }}";
}
