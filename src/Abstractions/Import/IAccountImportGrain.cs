namespace SecureAccess.Import;

/// `POST /api/v1/admin/existing-accounts`: checks each record, hashes its SSN, and hands it to the
/// person's `IExistingAccountsGrain`. Stateless; each record is refused or kept on its own.
public interface IAccountImportGrain : IGrainWithIntegerKey
{
    Task<ImportReport> Import(ImportBatch batch);
}
