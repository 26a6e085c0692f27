using SecureAccess.Devices;
using SecureAccess.Identity;
using SecureAccess.Letters;
using SecureAccess.Phones;
using SecureAccess.Users;

namespace SecureAccess.Registration;

/// Issue 11: a registration that never finished is deleted when its lifetime ends — its row and
/// whatever it reserved (the username, the identity's pending claim, a phone or device claim a crash
/// left behind, a letter still waiting to print), so abandoned registrations do not grow the
/// database. A reminder started with the registration tidies; correctness never waited for it
/// (every step refuses an expired registration by its timestamp). Each step is idempotent, and the
/// registration's own row goes last, so a tidy cut short is simply done again at the next tick.
public sealed partial class RegistrationGrain : IRemindable
{
    private const string ExpiryReminder = "registration-expiry";

    /// Ticks after the first due time (the lifetime may have grown, e.g. for a letter).
    private static readonly TimeSpan ExpiryPeriod = TimeSpan.FromHours(1);

    private Task ScheduleExpiry() =>
        this.RegisterOrUpdateReminder(ExpiryReminder, Registration.ExpiresAt - clock.GetUtcNow(), ExpiryPeriod);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ExpiryReminder) return;
        if (state.RecordExists && Registration.Step != RegistrationSteps.Complete && clock.GetUtcNow() < Registration.ExpiresAt) return; // not yet

        // A finished registration keeps its row (it answers GetStep); an expired one goes entirely.
        if (state.RecordExists && Registration.Step != RegistrationSteps.Complete) await DeleteUnfinished();
        if (await this.GetReminder(ExpiryReminder) is { } reminder) await this.UnregisterReminder(reminder);
        DeactivateOnIdle();
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Registration {RegistrationId} expired unfinished; its state, reservations and trail were deleted")]
    private static partial void LogExpired(Microsoft.Extensions.Logging.ILogger logger, Guid registrationId);

    private async Task DeleteUnfinished()
    {
        if (Registration.Username is { } username)
        {
            var user = GrainFactory.GetGrain<IUserGrain>(username);
            // Activated, and only this row missed the news (a crash before its last write): it finished.
            if ((await user.GetAccount()).Succeeded)
            {
                Registration.Step = RegistrationSteps.Complete;
                await state.WriteStateAsync();
                return;
            }
            await user.CancelReservation(Id); // only a reservation of this registration; failures stay (SA-10)
            // A claim made just before a crash, with the account never activated, belongs to no one.
            if (Registration.PhoneE164 is { } phone) await GrainFactory.GetGrain<IPhoneNumberGrain>(phone).Release(username);
            if (Registration.DeviceId is { } device) await GrainFactory.GetGrain<IDeviceGrain>(device).Release(username);
        }
        if (Registration.SsnHash.Length > 0)
            await GrainFactory.GetGrain<IIdentityGrain>(Registration.SsnHash).Abandon(Id, Registration.ReservedNewUsername ? Registration.Username : null);
        if (Registration.LetterId is { } letter) await GrainFactory.GetGrain<ILetterQueueGrain>(0).Remove(letter);

        // Its own trail goes too, unless it records refused identity checks: evidence of attempts on
        // someone's identity outlives the attempt (review of issue 11). The trail of the name it reserved
        // stays: it may hold failures the user row keeps (SA-10), and once the reservation is given up
        // another registration may already be writing to it. Nothing is left to record the expiry on, so
        // it is logged instead.
        if (Registration.IdentityFailures == 0) await audit.ForgetRegistration(Id);
        LogExpired(logger, Id);
        await state.ClearStateAsync();
    }
}
