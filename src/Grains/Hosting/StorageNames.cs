namespace SecureAccess;

public static class StorageNames
{
    /// The grain storage most persistent grains write to (memory in dev, PostgreSQL in production).
    /// A clear keeps the row as an empty tombstone under a new version, so a writer holding an older
    /// ETag can never bring it back.
    public const string Default = "secure-access";

    /// The same table, for state whose owner's life can end: a username nobody holds once its
    /// failures are forgotten, a registration that expired unfinished (issue 11: nothing anonymous
    /// grows the database without bound). A clear deletes the row. A stale writer is still refused:
    /// its ETag names a version no row carries (new rows start at a random version, 003_storage.sql).
    public const string Expiring = "secure-access-expiring";
}
