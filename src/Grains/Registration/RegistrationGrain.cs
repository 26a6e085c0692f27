using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureAccess.Codes;
using SecureAccess.Common;
using SecureAccess.Devices;
using SecureAccess.Identity;
using SecureAccess.Letters;
using SecureAccess.Messaging;
using SecureAccess.Passwords;
using SecureAccess.Phones;
using SecureAccess.Security;
using SecureAccess.Users;

namespace SecureAccess.Registration;

/// The registration wizard of API.md: email (SA-3) → identity (SA-4) → credentials (SA-1, SA-2) →
/// phone (SA-5, SA-7) → complete. Each step checks it is the expected one; cross-grain changes are
/// small sagas whose steps are idempotent, so a retried call does no harm.
public sealed partial class RegistrationGrain(
    [PersistentState("registration", StorageNames.Expiring)] IPersistentState<RegistrationState> state,
    OneTimeCodes codes,
    IMessageSender messages,
    IIdentityVerifier identityVerifier,
    SsnHasher ssnHasher,
    PasswordHashing passwordHasher,
    PasswordPolicy passwordPolicy,
    IOptions<CodeOptions> codeOptions,
    IOptions<RegistrationOptions> registrationOptions,
    IOptions<LetterOptions> letterOptions,
    CodeSendLimiter sendLimiter,
    SecretBox secrets,
    Audit.IAuditTrail audit,
    TimeProvider clock,
    ILogger<RegistrationGrain> logger)
    : Grain, IRegistrationGrain
{
    private const string EmailPurpose = "registration-email";
    private const string PhonePurpose = "registration-phone";
    private const string LetterPurpose = "registration-letter";
    public const string AuthenticatorKeyPurpose = "authenticator-key";
    private RegistrationState Registration => state.State;
    private Guid Id => this.GetPrimaryKey();

    public async Task<Result<RegistrationStarted>> Start(StartRegistration command)
    {
        if (state.RecordExists) return Failure.WrongStep(Registration.Step);

        var lifetime = codeOptions.Value.EmailConfirmationLifetime;
        var (code, stored) = codes.IssueDigits(EmailPurpose, lifetime);
        Registration.Step = RegistrationSteps.ConfirmEmail;
        Registration.Email = command.Email.Trim();
        Registration.EmailCode = stored;
        Registration.ExpiresAt = clock.GetUtcNow() + registrationOptions.Value.Lifetime;
        await state.WriteStateAsync();
        await ScheduleExpiry(); // issue 11: deleted if never finished
        await messages.Send(Messages.EmailConfirmation(Registration.Email, code, lifetime) with { AuditSubject = Audit.AuditContext.RegistrationSubject(Id) });
        await Trail(Audit.AuditEvents.RegistrationStarted, "registration started; email confirmation code sent (SA-3)");
        return new RegistrationStarted(Id, Registration.Step, Registration.ExpiresAt);
    }

    public async Task<Result<StepInfo>> ConfirmEmail(string code)
    {
        if (Guard(RegistrationSteps.ConfirmEmail) is { } refused) return refused;
        var check = codes.Check(Registration.EmailCode, EmailPurpose, code);
        if (check == CodeCheck.Dead) return Failure.CodeExpired;
        if (check == CodeCheck.Matched) Registration.Step = RegistrationSteps.VerifyIdentity;
        await state.WriteStateAsync();
        if (check == CodeCheck.Matched) await Trail(Audit.AuditEvents.RegistrationEmailConfirmed, "email address confirmed");
        return check == CodeCheck.Matched ? new StepInfo(Registration.Step) : Failure.InvalidCode;
    }

    public async Task<Result<StepInfo>> VerifyIdentity(IdentityClaim claim)
    {
        if (Guard(RegistrationSteps.VerifyIdentity) is { } refused) return refused;
        if (Registration.IdentityFailures >= registrationOptions.Value.MaxIdentityAttempts)
            return new Failure(ErrorCodes.Expired, "Too many failed identity checks: this registration is closed. Start again later.");

        // Issue 11: failures count per source and per SSN across all registrations, not only here.
        var ssnFailures = GrainFactory.GetGrain<Throttling.ISsnFailureGrain>(ssnHasher.Hash(claim.Ssn));
        var source = Throttling.ThrottleContext.Current is { } sourceKey ? GrainFactory.GetGrain<Throttling.ISourceLimitGrain>(sourceKey) : null;
        if (source is not null && (await source.Check(Throttling.SourceLimit.IdentityFailures)).Failure is { } throttled) return throttled;
        if (await ssnFailures.CoolingDown())
        {
            // The same 422 as a failed check, counted like one: the cool-down tells a guesser nothing.
            Registration.IdentityFailures++;
            await state.WriteStateAsync();
            await Trail(Audit.AuditEvents.RegistrationIdentityRefused, "identity check refused unchecked: this SSN failed too often in the last day (issue 11)");
            return IdentityRefusal(IdentityOutcome.NotVerified);
        }

        var outcome = identityVerifier.Verify(claim);
        if (outcome != IdentityOutcome.Verified)
        {
            Registration.IdentityFailures++;
            await state.WriteStateAsync();
            if (source is not null) await source.Record(Throttling.SourceLimit.IdentityFailures);
            if (await ssnFailures.RecordFailure())
                await Trail(Audit.AuditEvents.RegistrationIdentityRefused, "this SSN has now failed its identity check too often; further checks are refused for a cool-down (issue 11)");
            LogIdentityRefused(logger, Id, outcome);
            await GrainFactory.GetGrain<Import.IExistingAccountsGrain>(ssnHasher.Hash(claim.Ssn)).RecordOnlineAttemptFailed(outcome.ToString()); // SA-19
            await Trail(Audit.AuditEvents.RegistrationIdentityRefused, $"identity check refused ({outcome}); failed check {Registration.IdentityFailures} of {registrationOptions.Value.MaxIdentityAttempts}");
            return IdentityRefusal(outcome);
        }

        var ssnHash = ssnHasher.Hash(claim.Ssn);
        var claimed = await GrainFactory.GetGrain<IIdentityGrain>(ssnHash).Claim(Id);
        if (!claimed.Succeeded) return claimed.Failure!;

        // What the letter of SA-7 needs, and the SSN only as HMAC + last 4 (SA-4d); never the account number (SA-4a).
        Registration.SsnHash = ssnHash;
        Registration.SsnLast4 = SsnHasher.Last4(claim.Ssn);
        Registration.FirstName = claim.FirstName.Trim();
        Registration.LastName = claim.LastName.Trim();
        Registration.Address = claim.Address;
        Registration.Step = RegistrationSteps.ChooseCredentials;
        await state.WriteStateAsync();
        await Trail(Audit.AuditEvents.RegistrationIdentityVerified, "identity verified against the reference records (SA-4)");
        return new StepInfo(Registration.Step);
    }

    public async Task<Result<StepInfo>> ChooseCredentials(ChooseCredentials command)
    {
        if (Guard(RegistrationSteps.ChooseCredentials) is { } refused) return refused;
        // A new username follows SA-1's format; an existing e-Services one is kept as it is (SA-17).
        if ((command.ProvesExistingAccount ? UsernamePolicy.CheckLegacy(command.Username) : UsernamePolicy.Check(command.Username)) is { } badName) return badName;
        var username = UsernamePolicy.Normalize(command.Username);
        if (passwordPolicy.Check(command.Password, username) is { } weak) return weak;
        if (await ProbeRefused() is { } probing) return probing; // before the hash and the lookup

        var user = GrainFactory.GetGrain<IUserGrain>(username);
        var newUser = new NewUser(Id, username, Registration.Email,
            await passwordHasher.Hash(command.Password),
            Registration.SsnHash, Registration.SsnLast4, Registration.FirstName, Registration.LastName, Registration.Address!);
        var reserved = command.ProvesExistingAccount // SA-17: proves an imported e-Services username
            ? await GrainFactory.GetGrain<IUserAdministration>(username).ReserveByMigration(new MigrationClaim(newUser, command.ExistingPassword ?? "", command.Password, command.RecoveryCode))
            : await user.Reserve(newUser);
        if (!reserved.Succeeded) return reserved.Failure!.Code == ErrorCodes.UsernameTaken ? await ProbeAnswered(reserved.Failure) : reserved.Failure;

        var bound = await GrainFactory.GetGrain<IIdentityGrain>(Registration.SsnHash).Bind(Id, username);
        if (!bound.Succeeded)
        {
            await user.CancelReservation(Id);
            return bound.Failure!;
        }

        Registration.Username = username;
        Registration.ReservedNewUsername = !command.ProvesExistingAccount;
        Registration.Step = RegistrationSteps.ActivatePhone;
        await state.WriteStateAsync();
        await audit.Record(Audit.AuditContext.RegistrationSubject(Id), Audit.AuditEvents.RegistrationCredentialsChosen, $"username '{username}' chosen; the trail continues under it");
        await Trail(Audit.AuditEvents.RegistrationCredentialsChosen, $"username reserved by registration {Id}{(command.ProvesExistingAccount ? " (existing e-Services username, SA-17)" : "")}");
        return new StepInfo(Registration.Step);
    }

    public async Task<Result<StepInfo>> AddPhone(string phoneNumber)
    {
        if (Guard(RegistrationSteps.ActivatePhone, RegistrationSteps.ConfirmPhone, RegistrationSteps.ChooseSecondFactor) is { } refused) return refused;
        var parsed = PhoneNumberPolicy.ToE164(phoneNumber);
        if (!parsed.Succeeded) return parsed.Failure!;
        var phone = parsed.Value!;

        // SA-7: only a number tied to the registrant's name, judged before anything is sent or claimed.
        if (!identityVerifier.IsAssociatedPhone(Registration.SsnHash, phone))
        {
            await Trail(Audit.AuditEvents.PhoneNotAssociated, $"SMS activation refused: {PhoneNumberPolicy.Mask(phone)} is not tied to the registrant's name (SA-7); nothing sent");
            return PhoneNotAssociated("phoneNumber");
        }

        if (await ProbeRefused() is { } probing) return probing;
        var owner = await GrainFactory.GetGrain<IPhoneNumberGrain>(phone).GetOwner();
        if (owner is not null && owner != Registration.Username) return await ProbeAnswered(PhoneInUse);
        if (sendLimiter.TryRecord(Registration.CodeSends) is { } wait) return Failure.TooManyRequests(wait);

        // Asking again replaces the old code (SA-6).
        var lifetime = codeOptions.Value.SmsActivationLifetime;
        var (code, stored) = codes.IssueDigits(PhonePurpose, lifetime);
        Registration.PhoneE164 = phone;
        Registration.PhoneCode = stored;
        Registration.Step = RegistrationSteps.ConfirmPhone;
        await state.WriteStateAsync();
        await messages.Send(Messages.SmsActivation(phone, code, lifetime) with { AuditSubject = Registration.Username ?? Audit.AuditContext.RegistrationSubject(Id) });
        await Trail(Audit.AuditEvents.CodeSent, $"SMS activation code sent to {PhoneNumberPolicy.Mask(phone)}");
        return new StepInfo(Registration.Step, stored.ExpiresAt);
    }

    public async Task<Result<StepInfo>> ConfirmPhone(string code)
    {
        if (Guard(RegistrationSteps.ConfirmPhone) is { } refused) return refused;
        var check = codes.Check(Registration.PhoneCode, PhonePurpose, code);
        if (check == CodeCheck.Dead) return Failure.CodeExpired;
        await state.WriteStateAsync();
        if (check == CodeCheck.Wrong) return Failure.InvalidCode;

        // SA-5: the number's own grain decides; a racing registration that lost gets phone_in_use.
        var phone = GrainFactory.GetGrain<IPhoneNumberGrain>(Registration.PhoneE164!);
        var claimed = await phone.Claim(Registration.Username!);
        if (!claimed.Succeeded)
        {
            Registration.Step = RegistrationSteps.ActivatePhone;
            await state.WriteStateAsync();
            return claimed.Failure!;
        }

        var activated = await GrainFactory.GetGrain<IUserGrain>(Registration.Username!).ActivateWithPhone(Id, Registration.PhoneE164!);
        if (!activated.Succeeded)
        {
            await phone.Release(Registration.Username!);
            return activated.Failure!;
        }

        Registration.Step = RegistrationSteps.Complete;
        await state.WriteStateAsync();
        await Trail(Audit.AuditEvents.RegistrationCompleted, $"phone {PhoneNumberPolicy.Mask(Registration.PhoneE164!)} activated; the account is active");
        return new StepInfo(Registration.Step);
    }

    public async Task<Result<StepInfo>> RequestLetter()
    {
        if (Guard(RegistrationSteps.ActivatePhone, RegistrationSteps.ConfirmPhone, RegistrationSteps.AwaitLetter) is { } refused) return refused;
        if (sendLimiter.TryRecord(Registration.CodeSends) is { } wait) return Failure.TooManyRequests(wait);

        var options = letterOptions.Value;
        var code = LetterCode.New();
        var stored = codes.Store(LetterPurpose, code, options.CodeLifetime);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var expectedBy = BusinessDays.Add(today, options.BusinessDaysToArrive);
        var queue = GrainFactory.GetGrain<ILetterQueueGrain>(0);

        // Asking again replaces the old code (SA-6), and its letter leaves the print batch.
        if (Registration.LetterId is { } previous) await queue.Remove(previous);
        var letterId = Guid.NewGuid();
        Registration.LetterCode = stored;
        Registration.LetterId = letterId;
        Registration.Step = RegistrationSteps.AwaitLetter;
        if (stored.ExpiresAt > Registration.ExpiresAt) Registration.ExpiresAt = stored.ExpiresAt;
        await state.WriteStateAsync();
        await queue.Enqueue(new PendingLetter(letterId, Registration.Username!, Registration.Address!, code, expectedBy));
        await messages.Send(Messages.ActivationLetter(Registration.Username!, Registration.FirstName, Registration.LastName, Registration.Address!, code, expectedBy));
        await Trail(Audit.AuditEvents.CodeSent, $"activation letter {letterId} queued to the address of record, expected by {expectedBy:yyyy-MM-dd}");
        return new StepInfo(Registration.Step, stored.ExpiresAt, expectedBy);
    }

    public async Task<Result<StepInfo>> ConfirmLetter(string code)
    {
        if (Guard(RegistrationSteps.AwaitLetter) is { } refused) return refused;
        var check = codes.Check(Registration.LetterCode, LetterPurpose, LetterCode.Normalize(code));
        if (check == CodeCheck.Dead) return Failure.CodeExpired;
        if (check == CodeCheck.Matched) Registration.Step = RegistrationSteps.ChooseSecondFactor;
        await state.WriteStateAsync();
        if (check == CodeCheck.Matched) await Trail(Audit.AuditEvents.RegistrationLetterConfirmed, "activation letter code confirmed (SA-7)");
        return check == CodeCheck.Matched ? new StepInfo(Registration.Step) : Failure.InvalidCode;
    }

    public async Task<Result<AuthenticatorEnrollment>> EnrollAuthenticator(string deviceId)
    {
        if (Guard(RegistrationSteps.ChooseSecondFactor, RegistrationSteps.ConfirmAuthenticator) is { } refused) return refused;
        var owner = await GrainFactory.GetGrain<IDeviceGrain>(deviceId).GetOwner();
        if (owner is not null && owner != Registration.Username) return DeviceInUse;

        var key = Authenticator.NewKey();
        Registration.DeviceId = deviceId;
        Registration.SealedAuthenticatorKey = secrets.Seal(AuthenticatorKeyPurpose, key);
        Registration.AuthenticatorFailures = 0;
        Registration.Step = RegistrationSteps.ConfirmAuthenticator;
        await state.WriteStateAsync();
        return new AuthenticatorEnrollment(Registration.Step, Authenticator.OtpauthUri(Registration.Username!, key), Authenticator.Base32(key));
    }

    public async Task<Result<StepInfo>> ConfirmAuthenticator(string code)
    {
        if (Guard(RegistrationSteps.ConfirmAuthenticator) is { } refused) return refused;
        if (Registration.AuthenticatorFailures >= codeOptions.Value.MaxWrongTries)
            return new Failure(ErrorCodes.Expired, "Too many wrong codes: enrol the authenticator again.");

        var key = secrets.Open(AuthenticatorKeyPurpose, Registration.SealedAuthenticatorKey!);
        if (Authenticator.MatchingStep(key, code, clock.GetUtcNow()) is not { } step)
        {
            Registration.AuthenticatorFailures++;
            await state.WriteStateAsync();
            return Failure.InvalidCode;
        }

        // SA-5: the device's own grain decides; a racing enrolment that lost gets device_in_use.
        var device = GrainFactory.GetGrain<IDeviceGrain>(Registration.DeviceId!);
        var claimed = await device.Claim(Registration.Username!);
        if (!claimed.Succeeded)
        {
            Registration.Step = RegistrationSteps.ChooseSecondFactor;
            await state.WriteStateAsync();
            return claimed.Failure!;
        }

        var activated = await GrainFactory.GetGrain<IUserGrain>(Registration.Username!)
            .ActivateWithAuthenticator(Id, Registration.DeviceId!, Registration.SealedAuthenticatorKey!, step);
        if (!activated.Succeeded)
        {
            await device.Release(Registration.Username!);
            return activated.Failure!;
        }

        Registration.SealedAuthenticatorKey = null;
        Registration.Step = RegistrationSteps.Complete;
        await state.WriteStateAsync();
        await Trail(Audit.AuditEvents.RegistrationCompleted, "authenticator app enrolled; the account is active");
        return new StepInfo(Registration.Step);
    }

    public Task<Result<StepInfo>> GetStep() => Task.FromResult<Result<StepInfo>>(
        state.RecordExists ? new StepInfo(Registration.Step, Registration.ExpiresAt) : Missing());

    /// Every step refuses an unknown, expired or out-of-order registration before touching anything.
    private Failure? Guard(params string[] expected)
    {
        if (!state.RecordExists) return Missing();
        if (Registration.Step != RegistrationSteps.Complete && clock.GetUtcNow() >= Registration.ExpiresAt)
            return Expired;
        return expected.Contains(Registration.Step) ? null : Failure.WrongStep(Registration.Step);
    }

    /// No row: either never started, or past its time and deleted (issue 11). The id tells which, so
    /// a late step still hears `expired` (API.md) rather than `not_found`.
    private Failure Missing() =>
        RegistrationIds.StartedAt(this.GetPrimaryKey()) is { } started && clock.GetUtcNow() - registrationOptions.Value.Lifetime >= started
            ? Expired
            : Failure.NotFound("registration");

    private static readonly Failure Expired = new(ErrorCodes.Expired, "This registration has expired; start again.");

    private static readonly Failure DeviceInUse = new(ErrorCodes.DeviceInUse, "This authenticator device is already enrolled for another account.", "deviceId");

    /// SA-7 / SA-15: the answer offers the letter, the way on for a registrant without such a phone.
    public static Failure PhoneNotAssociated(string field) => new(ErrorCodes.PhoneNotAssociated,
        "This number is not one that carrier records tie to your name. Use a mobile phone in your name, or ask for the activation code by mail (POST …/activation-letter).", field);

    private static readonly Failure PhoneInUse = new(ErrorCodes.PhoneInUse, "This phone number is already in use by another account.", "phoneNumber");

    private static Failure IdentityRefusal(IdentityOutcome outcome) => outcome switch
    {
        IdentityOutcome.CreditFreeze => new(ErrorCodes.CreditFreeze,
            "There is a freeze on your credit file. Lift the freeze temporarily with the credit bureau, then retry."),
        IdentityOutcome.CardNotAccepted => new(ErrorCodes.CardNotAccepted,
            "American Express, debit and corporate cards cannot be used. Use a personal credit card or a loan account.", "financialAccount"),
        _ => new(ErrorCodes.IdentityNotVerified, "We could not verify your identity with the information given."),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Registration {RegistrationId}: identity check refused ({Outcome})")]
    private static partial void LogIdentityRefused(ILogger logger, Guid registrationId, IdentityOutcome outcome);
}
