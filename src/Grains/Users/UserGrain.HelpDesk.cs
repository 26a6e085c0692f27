using System.Security.Cryptography;
using SecureAccess.Audit;
using SecureAccess.Common;
using SecureAccess.HelpDesk;
using SecureAccess.Identity;
using SecureAccess.Import;
using SecureAccess.Messaging;
using SecureAccess.Passwords;
using SecureAccess.Phones;
using SecureAccess.Recovery;

namespace SecureAccess.Users;

/// The help desk (SA-19, SA-20, SA-10): its view of a user, the in-person record (SA-20) and the
/// exception process (SA-19), which makes an account for an existing e-Services user.
public sealed partial class UserGrain
{
    private static readonly Failure NoExistingAccount = new(ErrorCodes.NoExistingAccount,
        "There is no existing e-Services account with this username waiting to register: the exception process is only for those (SA-19).");
    private static readonly Failure AlreadyRegisteredOnline = new(ErrorCodes.IdentityAlreadyRegistered,
        "This e-Services account has already registered through Secure Access.");

    /// Hook of `ResumeRegistration`: an account made by the help desk has no password of its own yet;
    /// its temporary password (SA-12) opens the registration without being spent, so the first
    /// sign-in after activation still has to replace it.
    private async Task<bool> AcceptsExceptionTemporaryPassword(string password) =>
        User.Status == UserStatus.Pending && User.CreatedByHelpDesk is not null &&
        User.TemporaryPasswordHash is { } hash && User.TemporaryPasswordExpiresAt is { } expires && clock.GetUtcNow() < expires &&
        await hasher.Verify(hash, password);

    // ---- Help desk (SA-19, SA-20, SA-10) ----

    public async Task<Result<HelpDeskUserView>> GetHelpDeskView()
    {
        if (User.Status == UserStatus.None) return Failure.NotFound("user");
        HelpDeskExistingAccount? existing = null;
        if (User.Imported is { } imported)
        {
            var standing = await GrainFactory.GetGrain<IExistingAccountsGrain>(imported.SsnHash).GetStanding();
            existing = new HelpDeskExistingAccount(imported.Kind, imported.ImportedAt, imported.PhoneValidatedByLetter5903, imported.Origin,
                User.MergedInto, imported.MergedFrom, standing.OnlineAttemptFailedAt, standing.OnlineAttemptFailures);
        }
        var inPerson = User.InPerson is { } p ? new HelpDeskInPerson(p.VerifiedAt, p.AssistorId, p.Office, p.DocumentTypes.ToArray()) : null;
        var exception = User.CreatedByHelpDesk is { } e ? new HelpDeskException(e.CreatedAt, e.AssistorId, e.LetterId, e.TemporaryPasswordExpiresAt, e.ByInPersonVerification) : null;
        await audit.Record(Username, AuditEvents.HelpDeskUserViewed, "account viewed by the help desk");
        return new HelpDeskUserView(Username, StatusName(User.Status), lockout.ActiveLock(User), User.FailedAttempts,
            PhoneVerified: User.Status == UserStatus.Active && User.PhoneE164 is not null,
            User.PhoneE164 is null ? null : PhoneNumberPolicy.Mask(User.PhoneE164),
            User.SsnLast4.Length > 0 ? User.SsnLast4 : null, User.Products.ToArray(), existing, inPerson, exception);
    }

    public async Task<Result<InPersonRecorded>> RecordInPersonVerification(InPersonVerification verification)
    {
        if (!IsImportedEServices || User.Status is not (UserStatus.Imported or UserStatus.Pending)) return RefusedForHelpDesk();
        var documents = verification.Documents;
        if (documents.Count != IdentityDocumentTypes.Required || documents.Select(d => d.Type).Distinct().Count() != IdentityDocumentTypes.Required
            || documents.Any(d => !IdentityDocumentTypes.All.Contains(d.Type) || d.Number.Length < 4))
            return Failure.Invalid("documents", "Two government IDs of different types are required (SA-20).");

        var now = clock.GetUtcNow();
        User.InPerson = new InPersonState
        {
            VerifiedAt = now,
            AssistorId = verification.AssistorId,
            Office = verification.Office,
            DocumentTypes = [.. documents.Select(d => d.Type)],
            DocumentLast4 = [.. documents.Select(d => d.Number[^4..])],
        };
        await state.WriteStateAsync();
        await audit.Record(Username, AuditEvents.InPersonVerified,
            $"in-person verification recorded by assistor '{verification.AssistorId}' at '{verification.Office}' with {string.Join(" and ", User.InPerson.DocumentTypes)} (SA-20)");
        return new InPersonRecorded(now, User.InPerson.DocumentTypes.ToArray());
    }

    public async Task<Result<ExceptionAccountCreated>> CreateByException(ExceptionRequest request)
    {
        var refusal = await ExceptionRefusal(request);
        if (refusal is not null)
        {
            if (User.Status != UserStatus.None)
                await audit.Record(Username, AuditEvents.ExceptionRefused, $"exception process refused for assistor '{request.AssistorId}': {refusal.Code}");
            return refusal;
        }

        var imported = User.Imported!;
        var identity = GrainFactory.GetGrain<IIdentityGrain>(imported.SsnHash);
        var bound = await identity.BindExisting(Username, replacing: null);
        if (!bound.Succeeded) return bound.Failure!;

        // SA-19: the account exists from now on, waiting for the letter's code and then a phone or the app.
        var registrationId = User.CreatedByHelpDesk?.RegistrationId ?? Guid.NewGuid();
        var letter = await GrainFactory.GetGrain<IHelpDeskRegistration>(registrationId).StartByException(new ExceptionRegistrationStart(
            Username, imported.Email, imported.SsnHash, User.SsnLast4, User.FirstName, User.LastName, imported.AddressOfRecord!));
        if (!letter.Succeeded)
        {
            if (User.CreatedByHelpDesk is null) await identity.ReleaseExisting(Username);
            return letter.Failure!;
        }

        var now = clock.GetUtcNow();
        User.Status = UserStatus.Pending;
        User.RegistrationId = registrationId;
        User.PasswordHash = await UnusablePasswordHash(); // the old e-Services password opens nothing any more
        User.Email = imported.Email;
        imported.LegacyPasswordHash = null;
        User.CreatedByHelpDesk = new HelpDeskCreation
        {
            CreatedAt = now,
            AssistorId = request.AssistorId,
            LetterId = letter.Value!.LetterId,
            RegistrationId = registrationId,
            ByInPersonVerification = !request.AllChecksPassed,
        };
        // SA-12, SA-19: random, one use, and alive as long as the letter's code — the letter takes 5–10
        // business days, so a 24-hour password would be dead before the user could use it. Writes the state.
        var temporary = await IssueTemporaryPassword(letter.Value.CodeExpiresAt);
        if (!temporary.Succeeded) return temporary.Failure!;
        User.CreatedByHelpDesk.TemporaryPasswordExpiresAt = User.TemporaryPasswordExpiresAt!.Value;
        await state.WriteStateAsync();

        var basis = request.AllChecksPassed ? "email access, current and prior-year returns confirmed by phone" : "in-person verification on record";
        await audit.Record(Username, AuditEvents.ExceptionCreated,
            $"account created by assistor '{request.AssistorId}' ({basis}); temporary password issued, valid until {User.CreatedByHelpDesk.TemporaryPasswordExpiresAt:O}; activation letter {letter.Value.LetterId} queued (SA-19)");
        return new ExceptionAccountCreated(temporary.Value!, letter.Value.LetterId, User.CreatedByHelpDesk.TemporaryPasswordExpiresAt, registrationId,
            letter.Value.ExpectedBy, letter.Value.CodeExpiresAt);
    }

    /// SA-19's conditions, in the order API.md names them.
    private async Task<Failure?> ExceptionRefusal(ExceptionRequest request)
    {
        if (!IsImportedEServices || User.Status is not (UserStatus.Imported or UserStatus.Pending)) return RefusedForHelpDesk();
        if (User.Status == UserStatus.Pending && User.CreatedByHelpDesk is null)
            return new Failure(ErrorCodes.WrongStep, "This user's online registration is under way: they can resume it with their new password.");

        var standing = await GrainFactory.GetGrain<IExistingAccountsGrain>(User.Imported!.SsnHash).GetStanding();
        if (standing.OnlineAttemptFailedAt is null)
            return new Failure(ErrorCodes.OnlineAttemptRequired, "The user must first try to register online; the exception process is for those whose online identity check failed (SA-19).");
        if (!request.AllChecksPassed && User.InPerson is null)
            return new Failure(ErrorCodes.IdentityNotVerified, "The identity check by phone did not pass: an in-person verification at a Taxpayer Assistance Center is needed first (SA-20).");
        if (User.Imported.AddressOfRecord is null)
            return new Failure(ErrorCodes.IdentityNotVerified, "There is no address of record to mail the activation code to.");
        return null;
    }

    private Failure RefusedForHelpDesk() =>
        IsImportedEServices && User.Status is UserStatus.Active ? AlreadyRegisteredOnline : NoExistingAccount;

    private static string StatusName(UserStatus status) => status.ToString().ToLowerInvariant();
}
