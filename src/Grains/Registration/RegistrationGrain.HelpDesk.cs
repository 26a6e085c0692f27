using SecureAccess.Common;
using SecureAccess.HelpDesk;

namespace SecureAccess.Registration;

/// SA-19: the registration the help desk starts for an existing e-Services user. It begins where an
/// online registration stands after choosing credentials (identity checked by the assistor, username
/// fixed), and at once asks for the activation letter to the address of record.
public sealed partial class RegistrationGrain : IHelpDeskRegistration
{
    public async Task<Result<ExceptionLetter>> StartByException(ExceptionRegistrationStart start)
    {
        if (state.RecordExists)
        {
            // A retried call: the same letter.
            return Registration.Username == start.Username && Registration.LetterId is { } id
                ? new ExceptionLetter(id, null, Registration.LetterCode?.ExpiresAt ?? Registration.ExpiresAt)
                : Failure.WrongStep(Registration.Step);
        }

        Registration.Step = RegistrationSteps.ActivatePhone;
        Registration.Email = start.Email;
        Registration.SsnHash = start.SsnHash;
        Registration.SsnLast4 = start.SsnLast4;
        Registration.FirstName = start.FirstName;
        Registration.LastName = start.LastName;
        Registration.Address = start.AddressOfRecord;
        Registration.Username = start.Username;
        Registration.ExpiresAt = clock.GetUtcNow() + registrationOptions.Value.Lifetime;
        await state.WriteStateAsync();
        var letter = await RequestLetter();
        if (!letter.Succeeded) return letter.Failure!;
        return new ExceptionLetter(Registration.LetterId!.Value, letter.Value!.ExpectedBy, letter.Value.ExpiresAt!.Value);
    }

    /// The audit trail of this registration: under its username once chosen, before that under the registration.
    private Task Trail(string eventName, string detail) =>
        audit.Record(Registration.Username ?? Audit.AuditContext.RegistrationSubject(Id), eventName, detail);
}
