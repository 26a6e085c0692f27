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

/// Existing users (SA-17, SA-18), in the same grain as sign-in so the lockout, the password and the
/// status of a username are still decided one call at a time: import (e-Services accounts wait in
/// `Imported`, personal accounts are `Active`), the merge of the two (SA-18), and migration by
/// registration with `existingPassword` (SA-17). The help desk's part is UserGrain.HelpDesk.cs.
public sealed partial class UserGrain : IUserAdministration
{
    private static readonly Failure UsernameInUse = new(ErrorCodes.UsernameTaken, "username: already in use by another account.", "username");
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
        await GrainFactory.GetGrain<IEmailIndexGrain>(GrainKeys.Email(User.Email)).Add(Username);
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
        await GrainFactory.GetGrain<IEmailIndexGrain>(GrainKeys.Email(User.Email)).Add(Username);
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
        await GrainFactory.GetGrain<IEmailIndexGrain>(GrainKeys.Email(User.Email)).Remove(Username); // SA-14 names only usernames that sign in
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
        if (User.CreatedByHelpDesk is not null || User.Imported!.LegacyPasswordHash is not { } legacy) return true; // nothing to give back; keep it
        User.Status = UserStatus.Imported;
        User.RegistrationId = Guid.Empty;
        User.PasswordHash = legacy;
        User.Email = User.Imported.Email;
        await state.WriteStateAsync();
        await audit.Record(Username, AuditEvents.MigrationCancelled, $"registration {registrationId} cancelled; the account waits to register again");
        return true;
    }

    /// Hook of `BeginSignIn` after the password held: an imported e-Services account has no second
    /// factor yet and must register first (SA-17). Only the holder of the password learns this.
    private Failure? MigrationRequired() => User.Status == UserStatus.Imported
        ? new Failure(ErrorCodes.WrongStep, "This e-Services account must register through Secure Access first: start a registration and prove this username with existingPassword.")
        : null;

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
}
