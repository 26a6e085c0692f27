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

/// Existing users and the help desk (SA-17..SA-21), in the same grain as sign-in so the lockout,
/// the password and the status of a username are still decided one call at a time:
/// import (e-Services accounts wait in `Imported`, personal accounts are `Active`), the merge of
/// the two (SA-18), migration by registration with `existingPassword` (SA-17), the help desk's
/// in-person record (SA-20) and exception process (SA-19), and product access (SA-21).
public sealed partial class UserGrain : IUserAdministration
{
    private static readonly Failure UsernameInUse = new(ErrorCodes.UsernameTaken, "username: already in use by another account.", "username");
    private static readonly Failure NoExistingAccount = new(ErrorCodes.NoExistingAccount,
        "There is no existing e-Services account with this username waiting to register: the exception process is only for those (SA-19).");
    private static readonly Failure AlreadyRegisteredOnline = new(ErrorCodes.IdentityAlreadyRegistered,
        "This e-Services account has already registered through Secure Access.");
    private static readonly Failure ExistingPasswordRefused = new(ErrorCodes.InvalidCredentials,
        "The username or existing password is incorrect.", "existingPassword");

    private bool IsImportedEServices => User.Imported?.Kind == ExistingAccountKinds.EServices;

    // ---- Import (SA-17, SA-18) ----

    public async Task<Result<ImportResult>> ImportEServices(ImportedEServicesAccount account)
    {
        if (User.Imported is { } earlier)
            return earlier.Kind == ExistingAccountKinds.EServices && earlier.SsnHash == account.SsnHash ? new ImportResult(ImportOutcome.Skipped) : UsernameInUse;
        if (User.Status != UserStatus.None) return UsernameInUse;

        // Failures remembered against this name while it was unknown stay with it (SA-11).
        var now = clock.GetUtcNow();
        User.Status = UserStatus.Imported;
        User.PasswordHash = account.PasswordHash;
        SetPerson(account.Email, account.SsnHash, account.SsnLast4, account.FirstName, account.LastName, account.AddressOfRecord);
        User.Products = [.. account.Products];
        User.CreatedAt = now;
        User.Imported = new ImportedAccountState
        {
            Kind = ExistingAccountKinds.EServices,
            SsnHash = account.SsnHash,
            ImportedAt = now,
            LegacyPasswordHash = account.PasswordHash,
            Email = account.Email,
            PhoneValidatedByLetter5903 = account.PhoneValidatedByLetter5903,
            AddressOfRecord = account.AddressOfRecord,
        };
        await state.WriteStateAsync();
        await audit.Record(Username, AuditEvents.AccountImported,
            $"e-Services account imported with products [{string.Join(", ", account.Products)}]; it must register through Secure Access before using them (SA-17)"
            + (account.PhoneValidatedByLetter5903 ? "; its phone validated after Letter 5903 does not count" : ""));
        return new ImportResult(ImportOutcome.Imported);
    }

    public async Task<Result<ImportResult>> ImportPersonal(ImportedPersonalAccount account)
    {
        if (User.Imported is { } earlier)
            return earlier.Kind == ExistingAccountKinds.Personal && earlier.SsnHash == account.SsnHash ? new ImportResult(ImportOutcome.Skipped) : UsernameInUse;
        if (User.Status != UserStatus.None) return UsernameInUse;

        var now = clock.GetUtcNow();
        User.Status = UserStatus.Active;
        User.PasswordHash = account.PasswordHash;
        User.PhoneE164 = account.PhoneE164;
        SetPerson(account.Email, account.SsnHash, account.SsnLast4, account.FirstName, account.LastName, account.AddressOfRecord);
        User.CreatedAt = now;
        User.Imported = new ImportedAccountState
        {
            Kind = ExistingAccountKinds.Personal,
            SsnHash = account.SsnHash,
            ImportedAt = now,
            Email = account.Email,
            Origin = account.Origin,
            AddressOfRecord = account.AddressOfRecord,
        };
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IEmailIndexGrain>(User.Email.ToLowerInvariant()).Add(Username);
        await audit.Record(Username, AuditEvents.AccountImported,
            $"personal Secure Access account imported ({account.Origin ?? "origin not given"}), active with its verified phone {PhoneNumberPolicy.Mask(account.PhoneE164)}");
        return new ImportResult(ImportOutcome.Imported);
    }

    public Task<Result<MergeCredentials>> HandOverForMerge(string ssnHash)
    {
        if (User.Imported is not { Kind: ExistingAccountKinds.Personal } imported || imported.SsnHash != ssnHash)
            return Task.FromResult<Result<MergeCredentials>>(Failure.NotFound("personal account of this person"));
        var credentials = User.Status == UserStatus.Merged
            ? new MergeCredentials(Username, "", null, "", Retired: true)
            : new MergeCredentials(Username, User.PasswordHash, User.PhoneE164, User.Email, Retired: false);
        return Task.FromResult<Result<MergeCredentials>>(credentials);
    }

    public async Task<Result<MergeAdoption>> AdoptMerged(string ssnHash, MergeCredentials credentials)
    {
        if (!IsImportedEServices || User.Imported!.SsnHash != ssnHash) return Failure.NotFound("e-Services account of this person");
        if (User.Status != UserStatus.Imported)
        {
            // Registered on its own already (SA-17), or adopted by an earlier try: it keeps what it has.
            return new MergeAdoption(TookPhone: User.PhoneE164 is not null && User.PhoneE164 == credentials.PhoneE164);
        }

        // SA-18: one identity, the e-Services username, the personal account's password and phone.
        User.Status = UserStatus.Active;
        User.PasswordHash = credentials.PasswordHash;
        User.PhoneE164 = credentials.PhoneE164;
        User.Email = credentials.Email;
        User.Imported.LegacyPasswordHash = null;
        User.Imported.MergedFrom = credentials.Username;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IEmailIndexGrain>(User.Email.ToLowerInvariant()).Add(Username);
        await audit.Record(Username, AuditEvents.AccountsMerged,
            $"personal account '{credentials.Username}' merged into this e-Services account: its password and verified phone carry over (SA-18)");
        // SA-18 (issue 14): the user is told which username to use from now on — once, here, where the merge happens.
        await messages.Send(Messages.AccountsMerged(User.Email, Username, credentials.Username));
        return new MergeAdoption(TookPhone: credentials.PhoneE164 is not null);
    }

    public async Task<Result<Done>> RetireInto(string ssnHash, string username)
    {
        if (User.Imported is not { Kind: ExistingAccountKinds.Personal } imported || imported.SsnHash != ssnHash)
            return Failure.NotFound("personal account of this person");
        if (User.Status == UserStatus.Merged) return Done.Instance;

        // From now on this username answers exactly like a wrong password (SA-18, SA-11): a hash of
        // nothing anyone knows costs the same to verify and never matches; failures still count.
        User.Status = UserStatus.Merged;
        User.MergedInto = username;
        User.PasswordHash = await UnusablePasswordHash();
        User.PhoneE164 = null;
        User.TemporaryPasswordHash = null;
        User.TemporaryPasswordExpiresAt = null;
        User.Sessions.Clear();
        await state.WriteStateAsync();
        await SessionsEnded();
        await GrainFactory.GetGrain<IEmailIndexGrain>(User.Email.ToLowerInvariant()).Remove(Username); // SA-14 names only usernames that sign in
        await audit.Record(Username, AuditEvents.AccountsMerged, $"merged into e-Services account '{username}'; this username signs in no more (SA-18)");
        return Done.Instance;
    }

    // ---- Migration (SA-17) ----

    public async Task<Result<Done>> ReserveByMigration(MigrationClaim claim)
    {
        var user = claim.User;
        if (User.Status == UserStatus.Pending && User.RegistrationId == user.RegistrationId && IsImportedEServices)
            return Done.Instance; // a retried call of the same registration

        if (lockout.Refuse(User) is { } locked) return locked;

        // The existing password (or the emailed recovery code) proves the username; anything else costs
        // the same and counts toward the lockout.
        var migratable = User.Status == UserStatus.Imported && IsImportedEServices;
        var byCode = claim.RecoveryCode is { Length: > 0 };
        var proven = byCode
            ? migratable && await MigrationRecoveryCodeHolds(claim.RecoveryCode!)
            : await hasher.Verify(migratable ? User.PasswordHash : null, claim.ExistingPassword);
        if (!proven)
        {
            await RecordFailure();
            var what = byCode ? "recovery code" : "existing password";
            await audit.Record(Username, AuditEvents.MigrationRefused, $"registration with a wrong {what} (counts toward the lockout)");
            // SA-19 (issue 14): this is the failed online attempt the help desk asks for.
            if (migratable) await GrainFactory.GetGrain<IExistingAccountsGrain>(User.Imported!.SsnHash).RecordOnlineAttemptFailed($"wrong {what} at migration");
            return byCode ? new Failure(ErrorCodes.InvalidCode, "The recovery code is wrong or no longer valid.", "recoveryCode") : ExistingPasswordRefused;
        }

        if (user.SsnHash != User.Imported!.SsnHash)
        {
            await audit.Record(Username, AuditEvents.MigrationRefused, $"registration {user.RegistrationId} verified another person's identity than this account's");
            return new Failure(ErrorCodes.IdentityNotVerified, "The identity verified in this registration is not the one of that e-Services account.");
        }
        if (await hasher.Verify(User.PasswordHash, claim.NewPassword))
            return new Failure(ErrorCodes.WeakPassword, "Choose a new password: it must differ from your e-Services password (SA-17).", "password");

        // Pending like any registration: the phone or app must be activated anew (a Letter-5903 phone does not count).
        User.Status = UserStatus.Pending;
        User.RegistrationId = user.RegistrationId;
        User.PasswordHash = user.PasswordHash;
        User.MigrationRecoveryCode = null;
        SetPerson(user.Email, user.SsnHash, user.SsnLast4, user.FirstName, user.LastName, user.Address);
        await state.WriteStateAsync();
        await audit.Record(Username, AuditEvents.MigrationStarted,
            $"existing password proven by registration {user.RegistrationId}; new password chosen; a phone or the app must now be activated (SA-17)");
        return Done.Instance;
    }

    /// Hook of `CancelReservation`: a migration that loses its identity race goes back to `Imported`
    /// instead of wiping the imported account. True when it did.
    private async Task<bool> CancelMigration(Guid registrationId)
    {
        if (User.Status != UserStatus.Pending || User.RegistrationId != registrationId || !IsImportedEServices) return false;
        if (User.Exception is not null || User.Imported!.LegacyPasswordHash is not { } legacy) return true; // nothing to give back; keep it
        User.Status = UserStatus.Imported;
        User.RegistrationId = Guid.Empty;
        User.PasswordHash = legacy;
        User.Email = User.Imported.Email;
        await state.WriteStateAsync();
        await audit.Record(Username, AuditEvents.MigrationCancelled, $"registration {registrationId} cancelled; the account waits to register again");
        return true;
    }

    /// Hook of `BeginSignIn`: an attempt on a locked username is refused unchecked (SA-10), and recorded
    /// at most once a minute with the number refused since — under attack, one trail write per attempt
    /// would turn every refused guess into a storage write (kept in memory between records on purpose).
    private async Task<Failure> RefusedWhileLocked(Failure locked)
    {
        var until = locked.LockedUntil!.Value;
        _refusedWhileLocked++;
        var now = clock.GetUtcNow();
        if (now - _lastLockedRefusalRecord >= TimeSpan.FromMinutes(1))
        {
            await audit.Record(Username, AuditEvents.SignInWhileLocked,
                $"{_refusedWhileLocked} sign-in attempt(s) refused unchecked since the last record: locked until {until:O}");
            _refusedWhileLocked = 0;
            _lastLockedRefusalRecord = now;
        }
        return locked;
    }

    private int _refusedWhileLocked;
    private DateTimeOffset _lastLockedRefusalRecord = DateTimeOffset.MinValue;

    /// Hook of `BeginSignIn` after the password held: an imported e-Services account has no second
    /// factor yet and must register first (SA-17). Only the holder of the password learns this.
    private Failure? MigrationRequired() => User.Status == UserStatus.Imported
        ? new Failure(ErrorCodes.WrongStep, "This e-Services account must register through Secure Access first: start a registration and prove this username with existingPassword.")
        : null;

    /// Hook of `BeginSignIn` after the password held: SA-2's re-hash with the service's own
    /// parameters (imported hashes keep theirs until then).
    private async Task RehashIfWeaker(string password)
    {
        if (!hasher.NeedsRehash(User.PasswordHash)) return;
        User.PasswordHash = await hasher.Hash(password);
        await state.WriteStateAsync();
        await audit.Record(Username, AuditEvents.PasswordRehashed, "password re-hashed with the service's Argon2id parameters (SA-2)");
    }

    /// Hook of `ResumeRegistration`: an account made by the help desk has no password of its own yet;
    /// its temporary password (SA-12) opens the registration without being spent, so the first
    /// sign-in after activation still has to replace it.
    private async Task<bool> AcceptsExceptionTemporaryPassword(string password) =>
        User.Status == UserStatus.Pending && User.Exception is not null &&
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
        var exception = User.Exception is { } e ? new HelpDeskException(e.CreatedAt, e.AssistorId, e.LetterId, e.TemporaryPasswordExpiresAt, e.ByInPersonVerification) : null;
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
        var registrationId = User.Exception?.RegistrationId ?? Guid.NewGuid();
        var letter = await GrainFactory.GetGrain<IHelpDeskRegistration>(registrationId).StartByException(new ExceptionRegistrationStart(
            Username, imported.Email, imported.SsnHash, User.SsnLast4, User.FirstName, User.LastName, imported.AddressOfRecord!));
        if (!letter.Succeeded)
        {
            if (User.Exception is null) await identity.ReleaseExisting(Username);
            return letter.Failure!;
        }

        var now = clock.GetUtcNow();
        User.Status = UserStatus.Pending;
        User.RegistrationId = registrationId;
        User.PasswordHash = await UnusablePasswordHash(); // the old e-Services password opens nothing any more
        User.Email = imported.Email;
        imported.LegacyPasswordHash = null;
        User.Exception = new ExceptionState
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
        User.Exception.TemporaryPasswordExpiresAt = User.TemporaryPasswordExpiresAt!.Value;
        await state.WriteStateAsync();

        var basis = request.AllChecksPassed ? "email access, current and prior-year returns confirmed by phone" : "in-person verification on record";
        await audit.Record(Username, AuditEvents.ExceptionCreated,
            $"account created by assistor '{request.AssistorId}' ({basis}); temporary password issued, valid until {User.Exception.TemporaryPasswordExpiresAt:O}; activation letter {letter.Value.LetterId} queued (SA-19)");
        return new ExceptionAccountCreated(temporary.Value!, letter.Value.LetterId, User.Exception.TemporaryPasswordExpiresAt, registrationId,
            letter.Value.ExpectedBy, letter.Value.CodeExpiresAt);
    }

    /// SA-19's conditions, in the order API.md names them.
    private async Task<Failure?> ExceptionRefusal(ExceptionRequest request)
    {
        if (!IsImportedEServices || User.Status is not (UserStatus.Imported or UserStatus.Pending)) return RefusedForHelpDesk();
        if (User.Status == UserStatus.Pending && User.Exception is null)
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

    // ---- Products (SA-21) ----

    public async Task<Result<ProductAccess>> CheckProductAccess(Guid sessionId, string product)
    {
        var fullSession = User.Sessions.TryGetValue(sessionId, out var session) && clock.GetUtcNow() < session.ExpiresAt && !session.PasswordChangeRequired;
        if (User.Status == UserStatus.Active && fullSession && User.Products.Contains(product))
        {
            await audit.Record(Username, AuditEvents.ProductAccessGranted, $"session opened {product}");
            return new ProductAccess(product, Username);
        }
        await audit.Record(Username, AuditEvents.ProductAccessRefused, $"session refused for {product}");
        return new Failure(ErrorCodes.Forbidden, $"This account may not use {product}: it needs a registered Secure Access account that holds the product (SA-21).");
    }

    // ---- helpers ----

    private void SetPerson(string email, string ssnHash, string ssnLast4, string firstName, string lastName, Registration.PostalAddress? address)
    {
        User.Email = email;
        User.SsnHash = ssnHash;
        User.SsnLast4 = ssnLast4;
        User.FirstName = firstName;
        User.LastName = lastName;
        User.Address = address;
    }

    /// A password hash of nothing anyone knows: verifying against it costs what a real one does.
    private Task<string> UnusablePasswordHash() => hasher.Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    private static string StatusName(UserStatus status) => status.ToString().ToLowerInvariant();
}
