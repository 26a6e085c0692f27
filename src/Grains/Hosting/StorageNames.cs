namespace SecureAccess;

public static class StorageNames
{
    /// The one grain storage every persistent grain writes to (memory in dev, PostgreSQL in production).
    public const string Default = "secure-access";
}
