using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SecureAccess.Hosting;

namespace SecureAccess.Silo.Hosting;

/// What a silo refuses before it starts, each as one operator-facing line (no stack trace).
public static class SiloStartupChecks
{
    /// Issue 10: development shortcuts (outbox, DEVELOPMENT-ONLY keys, the synthetic identity records)
    /// only in exactly `Development`, and no malformed or missing setting in any environment. The keys
    /// matter most: missing ones would fail later inside a grain, and the development keys (public in
    /// the repository) would make stored code hashes and SSN hashes forgeable.
    public static List<string> Problems(IHostEnvironment environment, IConfiguration configuration)
    {
        var problems = StartupProblems.OfGrainHost(environment.EnvironmentName, configuration);
        problems.AddRange(StorageProblems(configuration));
        return problems;
    }

    /// Storage and clustering: shared with the gateway's dev mode, which hosts a silo too.
    public static IEnumerable<string> StorageProblems(IConfiguration configuration)
    {
        var provider = StorageProviders.Selected(configuration);
        if (provider == StorageProviders.Postgres)
        {
            if (PostgresConnection.Find(configuration) is null) yield return PostgresConnection.MissingMessage;
            foreach (var problem in PostgresPoolOptions.Problems(configuration)) yield return problem;
        }
        else if (provider != StorageProviders.Memory)
        {
            yield return $"{StorageProviders.ConfigKey} '{provider}' is unknown; use '{StorageProviders.Memory}' or '{StorageProviders.Postgres}'.";
        }
        var cluster = configuration.GetSection(SecureAccessClusterOptions.Section);
        var advertised = cluster[nameof(SecureAccessClusterOptions.AdvertisedIp)];
        if (advertised is { Length: > 0 } && !string.Equals(advertised, SecureAccessClusterOptions.AutoAddress, StringComparison.OrdinalIgnoreCase)
            && !System.Net.IPAddress.TryParse(advertised, out _))
            yield return $"{SecureAccessClusterOptions.Section}:{nameof(SecureAccessClusterOptions.AdvertisedIp)} '{advertised}' is neither an IP address nor '{SecureAccessClusterOptions.AutoAddress}'.";
    }

    /// Writes each problem as one line on stderr; true when there was any (the caller exits 2).
    public static bool Report(string who, IReadOnlyList<string> problems)
    {
        foreach (var problem in problems) Console.Error.WriteLine($"Secure Access {who} refused to start: {problem}");
        return problems.Count > 0;
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
