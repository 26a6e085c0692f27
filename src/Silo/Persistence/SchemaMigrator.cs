using System.Globalization;
using System.Reflection;
using Npgsql;

namespace SecureAccess.Silo.Persistence;

/// <summary>
/// Applies and checks the project's own PostgreSQL schema for the Orleans ADO.NET providers
/// (clustering, grain storage, reminders). The SQL lives in <c>Persistence/Schema/NNN_*.sql</c>,
/// embedded in this assembly; every file is idempotent, and a migration simply re-runs all of them.
/// The schema version is the number of the highest file; <see cref="CurrentVersion"/> must match it.
/// </summary>
public sealed class SchemaMigrator
{
    /// <summary>The schema version this build needs (the number of the highest embedded .sql file).</summary>
    public const int CurrentVersion = 4;

    /// <summary>The operator command that brings a database up to date.</summary>
    public const string MigrateCommand = "dotnet run --project src/Silo -- migrate";

    /// <summary>Every query key the three Orleans ADO.NET providers (10.4.x) load from <c>OrleansQuery</c>.</summary>
    public static IReadOnlyList<string> RequiredQueryKeys { get; } =
    [
        // Microsoft.Orleans.Clustering.AdoNet (silos and clients)
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
        "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey",
        "DeleteMembershipTableEntriesKey", "CleanupDefunctSiloEntriesKey",
        // Microsoft.Orleans.Persistence.AdoNet
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        // Microsoft.Orleans.Reminders.AdoNet
        "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey",
        "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    private const string ResourcePrefix = "SecureAccess.Silo.Persistence.Schema.";

    // Any fixed 64-bit number works; it only has to be the same for every migrator. ("SASCHEMA")
    private const long AdvisoryLockKey = 0x5341_5343_4845_4D41;

    /// <summary>
    /// Applies every embedded schema file in order, in one transaction, under a PostgreSQL advisory
    /// lock (a second concurrent migrator waits, then re-applies harmlessly), and records
    /// <see cref="CurrentVersion"/> in <c>secure_access_schema</c>.
    /// Refuses to run against a database whose schema is newer than this build.
    /// </summary>
    /// <exception cref="SchemaNotReadyException">The database cannot be reached or is newer than this build.</exception>
    /// <exception cref="InvalidOperationException">A schema file failed to apply (nothing is changed then).</exception>
    public async Task ApplyAsync(string connectionString, CancellationToken ct = default)
    {
        var scripts = LoadScripts();
        await using var connection = await OpenAsync(connectionString, ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);

        // Transaction-scoped: released by COMMIT/ROLLBACK, also if this process dies mid-way.
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct)
            .ConfigureAwait(false);

        var applied = await ReadAppliedVersionAsync(connection, transaction, ct).ConfigureAwait(false);
        if (applied > CurrentVersion)
        {
            throw new SchemaNotReadyException(
                $"The database ({Describe(connectionString)}) has schema version {applied}, newer than this build's " +
                $"{CurrentVersion}. Refusing to downgrade it; migrate with the newer build instead.");
        }

        foreach (var (name, sql) in scripts)
        {
            try
            {
                await ExecuteAsync(connection, transaction, sql, ct).ConfigureAwait(false);
            }
            catch (NpgsqlException ex)
            {
                throw new InvalidOperationException(
                    $"Applying schema file {name} failed; nothing was changed. {ex.Message}", ex);
            }
        }

        await using (var record = new NpgsqlCommand(
            "INSERT INTO secure_access_schema (version, applied_at) VALUES (@version, now()) " +
            "ON CONFLICT (version) DO NOTHING", connection, transaction))
        {
            record.Parameters.AddWithValue("version", CurrentVersion);
            await record.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks, without changing anything, that the database is reachable and carries schema version
    /// <see cref="CurrentVersion"/> (or newer) with every Orleans query in place. Call it before the
    /// silo starts so that a missing schema is one clear message instead of Orleans start-up errors.
    /// </summary>
    /// <exception cref="SchemaNotReadyException">With an operator-facing message; never contains the password.</exception>
    public async Task EnsureCurrentAsync(string connectionString, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(connectionString, ct).ConfigureAwait(false);
        var where = Describe(connectionString);
        try
        {
            var applied = await ReadAppliedVersionAsync(connection, null, ct).ConfigureAwait(false);
            if (applied is null)
            {
                throw new SchemaNotReadyException(
                    $"The database ({where}) has no Secure Access schema. Create it with `{MigrateCommand}` " +
                    "(same connection settings), then start the silo again.");
            }

            if (applied < CurrentVersion)
            {
                throw new SchemaNotReadyException(
                    $"The database ({where}) has schema version {applied}, but this build needs {CurrentVersion}. " +
                    $"Upgrade it with `{MigrateCommand}`, then start the silo again.");
            }

            var present = new HashSet<string>(StringComparer.Ordinal);
            await using (var query = new NpgsqlCommand("SELECT querykey FROM orleansquery", connection))
            await using (var reader = await query.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    present.Add(reader.GetString(0));
                }
            }

            var missing = RequiredQueryKeys.Where(k => !present.Contains(k)).ToList();
            if (missing.Count > 0)
            {
                throw new SchemaNotReadyException(
                    $"The database ({where}) lacks Orleans queries {string.Join(", ", missing)}. " +
                    $"Repair it with `{MigrateCommand}`, then start the silo again.");
            }
        }
        catch (NpgsqlException ex)
        {
            throw Failure(connectionString, $"Could not read the schema of the database ({where})", ex,
                "Check that the configured user may read it");
        }
    }

    /// <summary>
    /// The schema version the database carries now (<c>null</c>: no Secure Access schema yet), so the
    /// migrate command can say what it changed.
    /// </summary>
    /// <exception cref="SchemaNotReadyException">The database cannot be reached.</exception>
    public async Task<int?> ReadVersionAsync(string connectionString, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(connectionString, ct).ConfigureAwait(false);
        try
        {
            return await ReadAppliedVersionAsync(connection, null, ct).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Failure(connectionString, $"Could not read the schema of the database ({Describe(connectionString)})", ex,
                "Check that the configured user may read it");
        }
    }

    /// <summary>Where a connection string points, for operator messages: host, port, database and user, never the password.</summary>
    public static string DescribeConnection(string connectionString) => Describe(connectionString);

    /// <summary>Like <see cref="EnsureCurrentAsync"/>, but answers instead of throwing (for health checks).</summary>
    public async Task<bool> IsSchemaCurrentAsync(string connectionString, CancellationToken ct = default)
    {
        try
        {
            await EnsureCurrentAsync(connectionString, ct).ConfigureAwait(false);
            return true;
        }
        catch (SchemaNotReadyException)
        {
            return false;
        }
    }

    /// <summary>The embedded schema files, ordered by name (= by number).</summary>
    public static IReadOnlyList<(string Name, string Sql)> LoadScripts()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var scripts = new List<(int Number, string Name, string Sql)>();
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)
                                 && n.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
                     .Order(StringComparer.Ordinal))
        {
            var name = resource[ResourcePrefix.Length..];
            var digits = name.Split('_', 2)[0];
            if (digits.Length == 0 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                throw new InvalidOperationException($"Schema file {name} must start with its number, as in 005_name.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Embedded schema file {name} cannot be read.");
            using var text = new StreamReader(stream);
            scripts.Add((number, name, text.ReadToEnd()));
        }

        if (scripts.Count == 0)
        {
            throw new InvalidOperationException(
                $"No schema files are embedded (expected resources named {ResourcePrefix}NNN_*.sql).");
        }

        var duplicate = scripts.GroupBy(s => s.Number).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two schema files share number {duplicate.Key}.");
        }

        if (scripts.Max(s => s.Number) != CurrentVersion)
        {
            // A new file without bumping CurrentVersion (or the reverse) would let an old database pass the check.
            throw new InvalidOperationException(
                $"The highest schema file is number {scripts.Max(s => s.Number)} but CurrentVersion is {CurrentVersion}.");
        }

        return scripts.OrderBy(s => s.Number).Select(s => (s.Name, s.Sql)).ToList();
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        NpgsqlConnection connection;
        try
        {
            connection = new NpgsqlConnection(connectionString);
        }
        catch (ArgumentException ex)
        {
            // Do not echo the connection string or the parser's message: either may carry the password.
            throw new SchemaNotReadyException(
                "The PostgreSQL connection string is not valid (expected Host=...;Port=...;Database=...;Username=...;Password=...).",
                inner: null, ex.GetType());
        }

        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw Failure(connectionString, $"Cannot connect to PostgreSQL ({Describe(connectionString)})", ex,
                $"Check that the database server is running and the connection settings are right; a new database also needs `{MigrateCommand}`");
        }
    }

    private static async Task<int?> ReadAppliedVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        // to_regclass answers NULL instead of failing when the table does not exist. (It has to be a
        // separate statement: a query naming a missing table fails while being parsed.)
        await using var probe = new NpgsqlCommand(
            "SELECT to_regclass('secure_access_schema') IS NOT NULL", connection, transaction);
        if (await probe.ExecuteScalarAsync(ct).ConfigureAwait(false) is not true)
        {
            return null;
        }

        await using var read = new NpgsqlCommand("SELECT max(version) FROM secure_access_schema", connection, transaction);
        var value = await read.ExecuteScalarAsync(ct).ConfigureAwait(false);
        return value is int version ? version : null;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 300 };
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Where we connect, for messages: everything an operator needs except the password.</summary>
    private static string Describe(string connectionString)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            return $"Host={b.Host};Port={b.Port};Database={b.Database};Username={b.Username}";
        }
        catch (ArgumentException)
        {
            return "connection string not parseable";
        }
    }

    private static SchemaNotReadyException Failure(string connectionString, string what, Exception ex, string advice)
    {
        // Npgsql does not put passwords into its messages, but the exception must not leak one even
        // if a future driver did: scrub our message, and drop the inner exception if it mentions it.
        var password = TryGetPassword(connectionString);
        var reason = ex.InnerException is { } inner && inner.Message != ex.Message
            ? $"{ex.Message} ({inner.Message})"
            : ex.Message;
        var message = $"{what}: {reason}. {advice}.";
        var leaks = !string.IsNullOrEmpty(password) && ex.ToString().Contains(password, StringComparison.Ordinal);
        return new SchemaNotReadyException(Scrub(message, password), leaks ? null : ex, ex.GetType());
    }

    private static string? TryGetPassword(string connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString).Password;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string Scrub(string text, string? password) =>
        string.IsNullOrEmpty(password) ? text : text.Replace(password, "***", StringComparison.Ordinal);
}

/// <summary>
/// The PostgreSQL database is unreachable, has no Secure Access schema, or an older one. The message
/// is written for operators (what is wrong, which database, what to run) and never contains the password.
/// </summary>
public sealed class SchemaNotReadyException : Exception
{
    public SchemaNotReadyException(string message)
        : base(message)
    {
    }

    public SchemaNotReadyException(string message, Exception? inner, Type? causeType = null)
        : base(message, inner)
    {
        CauseType = causeType;
    }

    /// <summary>The type of the underlying failure, kept even when the inner exception had to be dropped.</summary>
    public Type? CauseType { get; }
}
