using Npgsql;
using SecureAccess.Silo.Persistence;

namespace SecureAccess.Cluster.Tests.Infrastructure;

/// A PostgreSQL database of one test class's own, created on the server that SA_PG_CONNECTION names
/// (test.sh starts it; the role may CREATEDB) and dropped afterwards, so classes never share rows.
public sealed class ScratchDatabase : IAsyncDisposable
{
    public const string Variable = "SA_PG_CONNECTION";

    private ScratchDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// For the silos and gateways (pooled, as they would use it).
    public string ConnectionString { get; }

    /// The connection string of the shared server, for creating and dropping scratch databases.
    public static string ServerConnection =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. The cluster tests need PostgreSQL: run ./test.sh, or eval \"$(scripts/postgres.sh start)\" and export {Variable} first.");

    public static async Task<ScratchDatabase> CreateAsync(string purpose, bool migrate = true)
    {
        var name = $"sa_{purpose}_{Guid.NewGuid():N}"[..Math.Min(63, 4 + purpose.Length + 32)].ToLowerInvariant();
        await ExecuteOnServer($"CREATE DATABASE \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(ServerConnection) { Database = name }.ConnectionString;
        var database = new ScratchDatabase(name, connectionString);
        if (migrate) await new SchemaMigrator().ApplyAsync(connectionString);
        return database;
    }

    public async Task<T?> Scalar<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Unpooled);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull
            ? default
            : (T)Convert.ChangeType(result, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// The database goes away for everyone connected to it: no new connections, existing ones cut.
    public async Task CutOffAsync()
    {
        await ExecuteOnServer($"ALTER DATABASE \"{Name}\" ALLOW_CONNECTIONS false");
        await ExecuteOnServer($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{Name}' AND pid <> pg_backend_pid()");
    }

    public Task RestoreAsync() => ExecuteOnServer($"ALTER DATABASE \"{Name}\" ALLOW_CONNECTIONS true");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ExecuteOnServer($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
        }
        catch (NpgsqlException)
        {
            // The server may already be gone at the end of a run (test.sh stops it); nothing to keep.
        }
    }

    private string Unpooled => new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString;

    private static async Task ExecuteOnServer(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnection) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
