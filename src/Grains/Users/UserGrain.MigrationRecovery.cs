using SecureAccess.Audit;
using SecureAccess.Codes;
using SecureAccess.Messaging;

namespace SecureAccess.Users;

/// SA-17 (issue 14): an imported e-Services account that forgot its old password. Password recovery
/// emails a one-time code to the email on record; the registration's choose-credentials step takes
/// it as `recoveryCode` instead of `existingPassword`. The answer to the recovery request is the same
/// as for any other username (SA-13), so it tells nobody which accounts are imported.
public sealed partial class UserGrain
{
    private const string MigrationRecoveryPurpose = "migration-recovery";

    /// Hook of `BeginRecovery` for an imported e-Services account (the send is already within SA-6's limits).
    private async Task SendMigrationRecoveryCode()
    {
        if (!IsImportedEServices) return;
        var lifetime = codeOptions.Value.MigrationRecoveryLifetime;
        var (code, stored) = codes.IssueDigits(MigrationRecoveryPurpose, lifetime, digits: 8); // asking again replaces the old one (SA-6)
        User.MigrationRecoveryCode = stored;
        await state.WriteStateAsync();
        await messages.Send(Messages.MigrationRecoveryCode(User.Imported!.Email, Username, code, lifetime));
        await audit.Record(Username, AuditEvents.RecoveryStarted, "imported e-Services account: a registration code was emailed to the address on record (SA-17)");
    }

    private async Task<bool> MigrationRecoveryCodeHolds(string code)
    {
        var check = codes.Check(User.MigrationRecoveryCode, MigrationRecoveryPurpose, code);
        if (check == CodeCheck.Dead) User.MigrationRecoveryCode = null;
        await state.WriteStateAsync(); // a wrong try is spent (SA-6)
        return check == CodeCheck.Matched;
    }
}
