using Microsoft.Extensions.Configuration;
using SecureAccess.Silo.Persistence;

namespace SecureAccess.Silo.Hosting;

/// `SecureAccess.Silo migrate [--connection <connection string>]` (or `dotnet run --project src/Silo -- migrate`):
/// brings a PostgreSQL database to this build's schema, idempotently, and says what it did.
///
/// The connection string comes from `--connection`, else `ConnectionStrings:Orleans` (appsettings or
/// env `ConnectionStrings__Orleans`, like the silo), else the `SA_PG_CONNECTION` environment variable
/// that scripts/postgres.sh exports (what test.sh uses).
public static class MigrateCommand
{
    public const string Verb = "migrate";

    public static async Task<int> RunAsync(string[] args, CancellationToken ct = default)
    {
        string? explicitConnection = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--connection" when i + 1 < args.Length:
                    explicitConnection = args[++i];
                    break;
                case "-h" or "--help":
                    Console.WriteLine(Usage);
                    return 0;
                default:
                    Console.Error.WriteLine($"migrate: unknown argument '{args[i]}'. {Usage}");
                    return 2;
            }
        }

        var connectionString = explicitConnection
            ?? PostgresConnection.Find(LoadConfiguration())
            ?? (Environment.GetEnvironmentVariable(PostgresConnection.FallbackVariable) is { Length: > 0 } fromEnv ? fromEnv : null);
        if (connectionString is null)
        {
            Console.Error.WriteLine(
                $"migrate: no database given. Set {PostgresConnection.ConfigKey} (env ConnectionStrings__{PostgresConnection.Name}), " +
                $"{PostgresConnection.FallbackVariable}, or pass --connection \"Host=...;Port=...;Database=...;Username=...;Password=...\".");
            return 2;
        }

        var migrator = new SchemaMigrator();
        var where = SchemaMigrator.DescribeConnection(connectionString);
        try
        {
            var before = await migrator.ReadVersionAsync(connectionString, ct).ConfigureAwait(false);
            await migrator.ApplyAsync(connectionString, ct).ConfigureAwait(false);
            var files = string.Join(", ", SchemaMigrator.LoadScripts().Select(s => s.Name));
            Console.WriteLine(before switch
            {
                null => $"migrate: created the Secure Access schema, version {SchemaMigrator.CurrentVersion}, in {where} ({files}).",
                var v when v < SchemaMigrator.CurrentVersion => $"migrate: upgraded {where} from schema version {v} to {SchemaMigrator.CurrentVersion} ({files}).",
                var v => $"migrate: {where} already had schema version {v}; re-applied {files} (idempotent: no data changed).",
            });
            return 0;
        }
        catch (Exception e) when (e is SchemaNotReadyException or InvalidOperationException)
        {
            Console.Error.WriteLine($"migrate: {e.Message}");
            return 1;
        }
    }

    public static string Usage =>
        "Usage: SecureAccess.Silo migrate [--connection \"Host=...;Port=...;Database=...;Username=...;Password=...\"] " +
        $"(default: {PostgresConnection.ConfigKey}, then ${PostgresConnection.FallbackVariable}).";

    /// The silo's own configuration sources (appsettings next to the binary, then environment variables).
    private static IConfiguration LoadConfiguration()
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? "Production";
        return new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
    }
}
