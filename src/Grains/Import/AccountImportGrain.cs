using Orleans.Concurrency;
using SecureAccess.Audit;
using SecureAccess.Users;

namespace SecureAccess.Import;

/// `POST /api/v1/admin/existing-accounts` (SA-17, SA-18): records in the order given, each checked
/// by `ExistingAccountRules` and imported by its person's grain; a refused record is reported with
/// its reason and the others are kept. Importing the same file again reports every record `skipped`.
[StatelessWorker]
public sealed class AccountImportGrain(ExistingAccountRules rules, IAuditTrail audit) : Grain, IAccountImportGrain
{
    public async Task<ImportReport> Import(ImportBatch batch)
    {
        int imported = 0, skipped = 0, merged = 0;
        var rejected = new List<ImportRejection>();
        for (var index = 0; index < batch.Accounts.Count; index++)
        {
            var record = batch.Accounts[index];
            var shownName = record.Username is { Length: <= UsernamePolicy.LegacyMaxLength } name && UsernamePolicy.CheckLegacy(name) is null ? name : null;
            var checkedRecord = rules.Check(record);
            if (checkedRecord.Refusal is { } refusal)
            {
                rejected.Add(new ImportRejection(index, shownName, refusal));
                if (shownName is not null)
                    await audit.Record(UsernamePolicy.Normalize(shownName), AuditEvents.ImportRejected, $"import record {index} refused: {refusal}");
                continue;
            }

            var result = checkedRecord.EServices is { } eServices
                ? await GrainFactory.GetGrain<IExistingAccountsGrain>(eServices.SsnHash).ImportEServices(eServices)
                : await GrainFactory.GetGrain<IExistingAccountsGrain>(checkedRecord.Personal!.SsnHash).ImportPersonal(checkedRecord.Personal);
            if (!result.Succeeded)
            {
                rejected.Add(new ImportRejection(index, checkedRecord.Username, result.Failure!.Detail));
                await audit.Record(checkedRecord.Username!, AuditEvents.ImportRejected, $"import record {index} refused: {result.Failure.Detail}");
                continue;
            }
            if (result.Value!.Outcome == ImportOutcome.Imported) imported++;
            else skipped++;
            if (result.Value.Merged) merged++;
        }
        return new ImportReport(imported, skipped, merged, rejected);
    }
}
