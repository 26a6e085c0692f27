using SecureAccess.Audit;
using SecureAccess.Common;
using SecureAccess.Identity;
using SecureAccess.Phones;
using SecureAccess.Users;

namespace SecureAccess.Import;

/// One person's existing accounts (key: the SSN's HMAC). Imports both halves of SA-18 in either
/// order and merges them once both are there; every step of the merge is idempotent, so an import
/// retried after a failure finishes it.
public sealed class ExistingAccountsGrain(
    [PersistentState("existing-accounts", StorageNames.Default)] IPersistentState<ExistingAccountsState> state,
    IAuditTrail audit,
    TimeProvider clock)
    : Grain, IExistingAccountsGrain
{
    private ExistingAccountsState Person => state.State;
    private string SsnHash => this.GetPrimaryKeyString();

    public async Task<Result<ImportResult>> ImportEServices(ImportedEServicesAccount account)
    {
        if (Person.EServicesUsername is { } known && known != account.Username)
            return Reject($"another e-Services account ('{known}') is already imported for this person");
        if (Person.EServicesUsername is null && await HeldOnline(account.Username) is { } holder)
            return Reject($"this person already has a Secure Access account ('{holder}') that was not imported; merge it by hand");

        var imported = await User(account.Username).ImportEServices(account);
        if (!imported.Succeeded) return imported;
        if (Person.EServicesUsername is null)
        {
            Person.EServicesUsername = account.Username;
            await state.WriteStateAsync();
        }
        return await WithMerge(imported.Value!);
    }

    public async Task<Result<ImportResult>> ImportPersonal(ImportedPersonalAccount account)
    {
        if (Person.PersonalUsername is { } known && known != account.Username)
            return Reject($"another personal account ('{known}') is already imported for this person");
        if (Person.PersonalUsername == account.Username)
        {
            var again = await User(account.Username).ImportPersonal(account);
            return again.Succeeded ? await WithMerge(again.Value!) : again;
        }
        if (await HeldOnline(account.Username) is { } holder)
            return Reject($"this person already has a Secure Access account ('{holder}') that was not imported; merge it by hand");

        // SA-4d: a personal account alone is this person's Secure Access identity (the merge moves it).
        // Undo on failure only what this call did.
        var identity = GrainFactory.GetGrain<IIdentityGrain>(SsnHash);
        var bindsIdentity = Person.EServicesUsername is null && await identity.GetUsername() is null;
        if (bindsIdentity && !(await identity.BindExisting(account.Username, replacing: null)).Succeeded)
            return Reject("this person's identity is held by another Secure Access account");

        // SA-5: its verified phone must be free.
        var phone = GrainFactory.GetGrain<IPhoneNumberGrain>(account.PhoneE164);
        var owner = await phone.GetOwner();
        var claimsPhone = owner is null;
        if (owner is not null && owner != account.Username || claimsPhone && !(await phone.Claim(account.Username)).Succeeded)
        {
            if (bindsIdentity) await identity.ReleaseExisting(account.Username);
            return Reject("phoneNumber: in use by another account");
        }

        // (Skipped here means an earlier try imported it but did not get to remember it: keep going.)
        var imported = await User(account.Username).ImportPersonal(account);
        if (!imported.Succeeded)
        {
            if (claimsPhone) await phone.Release(account.Username);
            if (bindsIdentity) await identity.ReleaseExisting(account.Username);
            return imported;
        }

        Person.PersonalUsername = account.Username;
        await state.WriteStateAsync();
        return await WithMerge(imported.Value!);
    }

    public async Task RecordOnlineAttemptFailed(string outcome)
    {
        if (Person.EServicesUsername is not { } username) return; // not an existing e-Services user: nothing to remember
        Person.OnlineAttemptFailedAt ??= clock.GetUtcNow();
        Person.OnlineAttemptFailures++;
        await state.WriteStateAsync();
        await audit.Record(username, AuditEvents.OnlineAttemptFailed,
            $"an online registration's identity check for this account's SSN failed ({outcome}); the help desk's exception process is now open (SA-19)");
    }

    public Task<ExistingAccountsStanding> GetStanding() => Task.FromResult(new ExistingAccountsStanding(
        Person.EServicesUsername, Person.PersonalUsername, Person.Merged, Person.OnlineAttemptFailedAt, Person.OnlineAttemptFailures));

    /// SA-18, once both halves are imported: bind the identity to the e-Services username, move the
    /// personal account's password, phone and email into it, then retire the personal username.
    private async Task<Result<ImportResult>> WithMerge(ImportResult result)
    {
        if (Person.Merged || Person.EServicesUsername is not { } eServices || Person.PersonalUsername is not { } personal) return result;

        var bound = await GrainFactory.GetGrain<IIdentityGrain>(SsnHash).BindExisting(eServices, replacing: personal);
        if (!bound.Succeeded) return Reject("this person's identity is held by another Secure Access account; the two accounts cannot merge");

        var handed = await User(personal).HandOverForMerge(SsnHash);
        if (!handed.Succeeded) return handed.Failure!;
        var credentials = handed.Value!;
        if (!credentials.Retired)
        {
            var adopted = await User(eServices).AdoptMerged(SsnHash, credentials);
            if (!adopted.Succeeded) return adopted.Failure!;
            if (credentials.PhoneE164 is { } phoneNumber)
            {
                var phone = GrainFactory.GetGrain<IPhoneNumberGrain>(phoneNumber);
                if (adopted.Value!.TookPhone)
                {
                    var moved = await phone.Transfer(personal, eServices);
                    if (!moved.Succeeded) return moved.Failure!;
                }
                else await phone.Release(personal);
            }
            var retired = await User(personal).RetireInto(SsnHash, eServices);
            if (!retired.Succeeded) return retired.Failure!;
        }

        Person.Merged = true;
        await state.WriteStateAsync();
        return result with { Merged = true };
    }

    /// A username bound to this identity that no import of this person brought (an online registration).
    private async Task<string?> HeldOnline(string importing)
    {
        var holder = await GrainFactory.GetGrain<IIdentityGrain>(SsnHash).GetUsername();
        return holder is not null && holder != importing && holder != Person.EServicesUsername && holder != Person.PersonalUsername ? holder : null;
    }

    private IUserAdministration User(string username) => GrainFactory.GetGrain<IUserAdministration>(username);

    private static Failure Reject(string reason) => new(ErrorCodes.InvalidRequest, reason);
}
