using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SecureAccess.Security;

namespace SecureAccess.Silo.Hosting;

/// What a silo refuses before it starts, each as one operator-facing line (no stack trace).
public static class SiloStartupChecks
{
    /// A Production silo needs real secret keys: missing keys would fail later inside a grain, and the
    /// development keys (appsettings.Development.json, public in the repository) would make stored
    /// code hashes and SSN hashes forgeable. Same rule as the gateway's StartupChecks.
    public static void RefuseUnsafeProduction(IHostEnvironment environment, IConfiguration configuration)
    {
        if (!environment.IsProduction()) return;
        var problems = new List<string>();
        foreach (var key in new[] { nameof(SecretKeysOptions.CodeHmacKey), nameof(SecretKeysOptions.SsnHmacKey), nameof(SecretKeysOptions.EncryptionKey) })
        {
            var value = configuration[$"{SecretKeysOptions.Section}:{key}"];
            if (string.IsNullOrWhiteSpace(value)) problems.Add($"{SecretKeysOptions.Section}:{key} is not set");
            else if (KeyMaterial.IsDevelopmentKey(value)) problems.Add($"{SecretKeysOptions.Section}:{key} is the development key");
        }

        if (problems.Count > 0)
        {
            throw new StartupRefusedException(
                $"Refusing to start in Production: {string.Join("; ", problems)} (every silo of a cluster needs the same base64 keys of at least 32 bytes).");
        }
    }

    /// `Storage:Provider=Postgres` needs the project's schema at the current version: one clear line
    /// (which database, what to run) instead of Orleans' provider errors after start-up.
    public static async Task RefuseWithoutSchema(IConfiguration configuration, CancellationToken ct)
    {
        if (StorageProviders.Selected(configuration) != StorageProviders.Postgres) return;
        var connectionString = PostgresConnection.Find(configuration)
            ?? throw new StartupRefusedException(PostgresConnection.MissingMessage);
        await new Persistence.SchemaMigrator().EnsureCurrentAsync(connectionString, ct).ConfigureAwait(false);
    }
}

/// A start-up check failed; its message is the one line an operator sees.
public sealed class StartupRefusedException(string message) : Exception(message);
