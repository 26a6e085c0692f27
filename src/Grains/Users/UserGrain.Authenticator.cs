using SecureAccess.Audit;
using SecureAccess.Codes;
using SecureAccess.Common;
using SecureAccess.Devices;
using SecureAccess.Registration;
using SecureAccess.SignIn;

namespace SecureAccess.Users;

/// SA-8 after registration: an active user, signed in with both steps, enrols the authenticator app
/// or moves it to a new device (the old key dies the moment the new one is confirmed), and chooses
/// SMS or the app for sign-in. SA-5's one-device rule holds through the device's own grain.
public sealed partial class UserGrain
{
    public async Task<Result<AuthenticatorEnrollment>> BeginAuthenticatorEnrollment(Guid sessionId, string deviceId)
    {
        if (FullSessionRefusal(sessionId) is { } refused) return refused;
        var owner = await GrainFactory.GetGrain<IDeviceGrain>(deviceId).GetOwner();
        if (owner is not null && owner != Username)
            return new Failure(ErrorCodes.DeviceInUse, "This authenticator device is already enrolled for another account.", "deviceId");

        // A new request replaces any earlier pending key (SA-6's "asking again replaces the old one").
        var key = Authenticator.NewKey();
        User.PendingAuthenticator = new PendingAuthenticator { DeviceId = deviceId, SealedKey = secrets.Seal(RegistrationGrain.AuthenticatorKeyPurpose, key) };
        await state.WriteStateAsync();
        await audit.Record(Username, AuditEvents.AuthenticatorKeyIssued, $"authenticator key issued for device '{deviceId}'; it counts once confirmed with a first code (SA-8)");
        return new AuthenticatorEnrollment(RegistrationSteps.ConfirmAuthenticator, Authenticator.OtpauthUri(Username, key), Authenticator.Base32(key));
    }

    public async Task<Result<Done>> ConfirmAuthenticatorEnrollment(Guid sessionId, string code)
    {
        if (FullSessionRefusal(sessionId) is { } refused) return refused;
        if (User.PendingAuthenticator is not { } pending)
            return new Failure(ErrorCodes.WrongStep, "No authenticator enrolment is waiting: POST /api/v1/account/authenticator first.");
        if (pending.Failures >= codeOptions.Value.MaxWrongTries)
        {
            User.PendingAuthenticator = null;
            await state.WriteStateAsync();
            return new Failure(ErrorCodes.Expired, "Too many wrong codes: enrol the authenticator again.");
        }

        var key = secrets.Open(RegistrationGrain.AuthenticatorKeyPurpose, pending.SealedKey);
        if (Authenticator.MatchingStep(key, code, clock.GetUtcNow()) is not { } step)
        {
            pending.Failures++;
            await state.WriteStateAsync();
            return Failure.InvalidCode;
        }

        // SA-5: the device's own grain decides; a racing enrolment that lost gets device_in_use.
        var claimed = await GrainFactory.GetGrain<IDeviceGrain>(pending.DeviceId).Claim(Username);
        if (!claimed.Succeeded)
        {
            User.PendingAuthenticator = null;
            await state.WriteStateAsync();
            return claimed.Failure!;
        }

        // Enrolling does not change how the user signs in; choosing does (PUT …/second-factor).
        User.ChosenMethod ??= Method;
        var oldDevice = User.DeviceId;
        User.DeviceId = pending.DeviceId;
        User.SealedAuthenticatorKey = pending.SealedKey; // the old key is gone from here on
        User.LastAuthenticatorStep = Math.Max(User.LastAuthenticatorStep, step); // the confirming code is spent too
        User.PendingAuthenticator = null;
        await state.WriteStateAsync();
        if (oldDevice is not null && oldDevice != pending.DeviceId) await GrainFactory.GetGrain<IDeviceGrain>(oldDevice).Release(Username);
        await audit.Record(Username, AuditEvents.AuthenticatorEnrolled, oldDevice is null
            ? $"authenticator app enrolled on device '{pending.DeviceId}' (SA-8)"
            : $"authenticator app moved from device '{oldDevice}' to '{pending.DeviceId}'; the old key is dead (SA-8)");
        return Done.Instance;
    }

    public async Task<Result<Done>> ChooseSecondFactor(Guid sessionId, string method)
    {
        if (FullSessionRefusal(sessionId) is { } refused) return refused;
        var enrolled = method switch
        {
            SecondFactorMethods.Sms => User.PhoneE164 is not null,
            SecondFactorMethods.App => User.SealedAuthenticatorKey is not null,
            _ => false,
        };
        if (method is not (SecondFactorMethods.Sms or SecondFactorMethods.App)) return Failure.Invalid("method", "Either \"sms\" or \"app\".");
        if (!enrolled)
            return new Failure(ErrorCodes.WrongStep, method == SecondFactorMethods.Sms
                ? "SMS needs a verified phone on the account."
                : "Enrol the authenticator app first (POST /api/v1/account/authenticator).", "method");
        if (User.ChosenMethod == method) return Done.Instance;
        User.ChosenMethod = method;
        await state.WriteStateAsync();
        await audit.Record(Username, AuditEvents.SecondFactorChosen, $"sign-in now asks for the {method} code (SA-8)");
        return Done.Instance;
    }

    /// SA-8: only an active user signed in with both steps, not a session that must first change its password.
    private Failure? FullSessionRefusal(Guid sessionId)
    {
        var full = User.Status == UserStatus.Active && User.Sessions.TryGetValue(sessionId, out var session)
            && clock.GetUtcNow() < session.ExpiresAt && !session.PasswordChangeRequired;
        return full ? null : new Failure(ErrorCodes.Unauthorized, "The session is not active.");
    }
}
