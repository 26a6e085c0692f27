using SecureAccess.Audit;
using SecureAccess.Codes;
using SecureAccess.Common;
using SecureAccess.Messaging;
using SecureAccess.Passwords;
using SecureAccess.Phones;
using SecureAccess.SignIn;

namespace SecureAccess.Users;

/// SA-13 (forgot password), SA-15 (change mobile number), SA-16 (change password).
public sealed partial class UserGrain
{
    private const string OldPhonePurpose = "phone-change-old";
    private const string NewPhonePurpose = "phone-change-new";

    public async Task<Result<ChallengeIssued>> BeginRecovery()
    {
        // Locked, unknown and known usernames all get a challenge, and the answer does the same work
        // for each: one challenge write, nothing delivered. Whatever only a known name would do (its
        // state write, audit record, SMS or email) runs in FinishRecovery after the answer, so neither
        // the answer nor its time tells whether the account exists (SA-13, issue 11).
        var issued = await GrainFactory.GetGrain<ISignInChallengeGrain>(Guid.NewGuid())
            .Open(new ChallengeRequest(Username, Method, User.PhoneE164, PasswordChangeRequired: false, ChallengePurpose.Recovery, Deliver: false));
        if (issued.Succeeded && User.Status != UserStatus.None)
            this.AsReference<IUserGrain>().FinishRecovery(issued.Value!.ChallengeId).Ignore(); // one-way: queued behind this call
        return issued;
    }

    public async Task FinishRecovery(Guid challengeId)
    {
        if (User.Status == UserStatus.None) return;
        // A resend over the limit is skipped silently, as is a locked name: the answer already left.
        var deliver = lockout.Refuse(User) is null && sendLimiter.TryRecord(User.CodeSends) is null;
        if (deliver) await state.WriteStateAsync();
        await audit.Record(Username, AuditEvents.RecoveryStarted, deliver ? "recovery code sent" : "recovery asked; nothing sent (locked or over the resend limit)");
        if (deliver && User.Status == UserStatus.Imported) await SendMigrationRecoveryCode(); // SA-17: by email
        if (deliver && User.Status == UserStatus.Active)
            GrainFactory.GetGrain<ISignInChallengeGrain>(challengeId).DeliverRecoveryCode().Ignore(); // one-way, see the interface
    }

    public async Task<Result<Done>> CompleteRecovery(SecondFactorAttempt attempt)
    {
        // A lockout stands: recovery neither lifts it nor gets around it.
        if (lockout.Refuse(User) is { } locked) return locked;
        if (!await SecondFactorHolds(attempt)) return Failure.InvalidCode;

        var issued = await IssueTemporaryPassword(clock.GetUtcNow() + temporaryPasswords.Value.Lifetime);
        if (!issued.Succeeded) return issued.Failure!;
        await messages.Send(Messages.TemporaryPassword(User.Email, Username, issued.Value!, temporaryPasswords.Value.Lifetime) with { AuditSubject = Username });
        await audit.Record(Username, AuditEvents.TemporaryPasswordIssued, "second factor proven; temporary password emailed (SA-13)");
        return Done.Instance;
    }

    public async Task<Result<Done>> ChangePassword(PasswordChange change)
    {
        if (User.Status != UserStatus.Active || !User.Sessions.TryGetValue(change.SessionId, out var session))
            return new Failure(ErrorCodes.Unauthorized, "The session is not active.");
        if (lockout.Refuse(User) is { } locked) return locked;

        // Right after a temporary password the session itself is the proof (SA-12); otherwise the current password is.
        if (!session.PasswordChangeRequired)
        {
            if (change.CurrentPassword is null) return Failure.Invalid("currentPassword", "Required.");
            if (!await VerifyPassword(change.CurrentPassword))
            {
                await RecordFailure();
                return Failure.InvalidCredentials;
            }
        }
        if (passwordPolicy.Check(change.NewPassword, Username) is { } weak) return weak with { Field = "newPassword" };
        if (await VerifyPassword(change.NewPassword))
            return new Failure(ErrorCodes.WeakPassword, "The new password must differ from the current one.", "newPassword");

        User.PasswordHash = await hasher.Hash(change.NewPassword);
        User.TemporaryPasswordHash = null;
        User.TemporaryPasswordExpiresAt = null;
        // SA-16: sessions of other devices end. A forced-change session ends too: its token can do nothing else.
        var keep = session.PasswordChangeRequired ? null : (Guid?)change.SessionId;
        foreach (var other in User.Sessions.Keys.Where(id => id != keep).ToList()) User.Sessions.Remove(other);
        await state.WriteStateAsync();
        await SessionsEnded();
        await messages.Send(Messages.PasswordChanged(User.Email, Username) with { AuditSubject = Username });
        await audit.Record(Username, AuditEvents.PasswordChanged, session.PasswordChangeRequired ? "after a temporary password; all sessions ended" : "other sessions ended (SA-16)");
        return Done.Instance;
    }

    public async Task<Result<PhoneChangeStarted>> BeginPhoneChange(string newPhoneNumber)
    {
        if (User.Status != UserStatus.Active) return Failure.NotFound("account");
        if (User.PhoneE164 is null)
            return new Failure(ErrorCodes.WrongStep, "A phone change needs the current phone; this account has none.");
        var parsed = PhoneNumberPolicy.ToE164(newPhoneNumber, "newPhoneNumber");
        if (!parsed.Succeeded) return parsed.Failure!;
        var newPhone = parsed.Value!;
        if (newPhone == User.PhoneE164) return Failure.Invalid("newPhoneNumber", "That is already the account's number.");
        if (!identityRecords.IsAssociatedPhone(User.SsnHash, newPhone)) // SA-15 holds SA-7's rule, before any SMS
        {
            await audit.Record(Username, AuditEvents.PhoneNotAssociated, $"phone change to {PhoneNumberPolicy.Mask(newPhone)} refused: not tied to the user's name (SA-7, SA-15); nothing sent");
            return Registration.RegistrationGrain.PhoneNotAssociated("newPhoneNumber") with { Detail = "This number is not one that carrier records tie to your name; use a mobile phone in your name." };
        }
        var owner = await GrainFactory.GetGrain<IPhoneNumberGrain>(newPhone).GetOwner();
        if (owner is not null && owner != Username)
            return new Failure(ErrorCodes.PhoneInUse, "This phone number is already in use by another account.", "newPhoneNumber");
        if (lockout.Refuse(User) is { } locked) return locked;
        if (sendLimiter.TryRecord(User.CodeSends) is { } wait) return Failure.TooManyRequests(wait);

        var lifetime = codeOptions.Value.PhoneChangeLifetime;
        var (oldCode, oldStored) = codes.IssueDigits(OldPhonePurpose, lifetime);
        var (newCode, newStored) = codes.IssueDigits(NewPhonePurpose, lifetime);
        User.PhoneChange = new PendingPhoneChange { ChangeId = Guid.NewGuid(), NewPhoneE164 = newPhone, OldCode = oldStored, NewCode = newStored };
        await state.WriteStateAsync();
        await messages.Send(Messages.PhoneChangeCode(User.PhoneE164, oldCode, lifetime, toOldNumber: true) with { AuditSubject = Username });
        await messages.Send(Messages.PhoneChangeCode(newPhone, newCode, lifetime, toOldNumber: false) with { AuditSubject = Username });
        await audit.Record(Username, AuditEvents.PhoneChangeStarted, $"codes sent to {PhoneNumberPolicy.Mask(User.PhoneE164)} and {PhoneNumberPolicy.Mask(newPhone)}");
        return new PhoneChangeStarted(User.PhoneChange.ChangeId, oldStored.ExpiresAt);
    }

    public async Task<Result<Done>> ConfirmPhoneChange(Guid changeId, string oldCode, string newCode)
    {
        var change = User.PhoneChange;
        if (User.Status != UserStatus.Active || change is null || change.ChangeId != changeId) return Failure.NotFound("phone change");

        // Both codes are judged (each spends its own try), so neither can be probed alone.
        var oldCheck = codes.Check(change.OldCode, OldPhonePurpose, oldCode);
        var newCheck = codes.Check(change.NewCode, NewPhonePurpose, newCode);
        if (oldCheck == CodeCheck.Dead || newCheck == CodeCheck.Dead)
        {
            User.PhoneChange = null;
            await state.WriteStateAsync();
            return Failure.CodeExpired;
        }
        if (oldCheck != CodeCheck.Matched || newCheck != CodeCheck.Matched)
        {
            // A code that matched stays usable for the retry with the other one corrected.
            if (change.OldCode is { Used: true } o && oldCheck == CodeCheck.Matched) o.Used = false;
            if (change.NewCode is { Used: true } n && newCheck == CodeCheck.Matched) n.Used = false;
            await state.WriteStateAsync();
            return Failure.InvalidCode;
        }

        var claimed = await GrainFactory.GetGrain<IPhoneNumberGrain>(change.NewPhoneE164).Claim(Username);
        if (!claimed.Succeeded)
        {
            User.PhoneChange = null;
            await state.WriteStateAsync();
            return claimed.Failure!;
        }
        var oldPhone = User.PhoneE164!;
        User.PhoneE164 = change.NewPhoneE164;
        User.PhoneChange = null;
        await state.WriteStateAsync();
        // Released only after the user holds the new number: a retry finds the change done, not half-done.
        await GrainFactory.GetGrain<IPhoneNumberGrain>(oldPhone).Release(Username);
        await messages.Send(Messages.PhoneChanged(User.Email, Username, PhoneNumberPolicy.Mask(change.NewPhoneE164)) with { AuditSubject = Username });
        await audit.Record(Username, AuditEvents.PhoneChanged, $"{PhoneNumberPolicy.Mask(oldPhone)} released, {PhoneNumberPolicy.Mask(change.NewPhoneE164)} claimed (SA-15)");
        return Done.Instance;
    }
}
