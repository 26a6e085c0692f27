using System.Security.Cryptography;
using SecureAccess.Gateway.Operators;
using SecureAccess.Hosting;
using SecureAccess.Messaging.Email;
using SecureAccess.Messaging.Sms;
using SecureAccess.Security;
using SecureAccess.Silo.Hosting;

namespace SecureAccess.Gateway.Hosting;

/// What a gateway refuses before it starts (issue 10), one line per problem naming the key; Program
/// prints them and exits 2. Development shortcuts pass only in exactly `Development`, in both cluster
/// modes; malformed settings fail in every environment.
public static class StartupChecks
{
    public static List<string> Problems(IHostEnvironment environment, IConfiguration configuration)
    {
        var development = StartupProblems.IsDevelopment(environment.EnvironmentName);
        var mode = configuration[ClusterConnection.ModeKey] is { Length: > 0 } m ? m : ClusterConnection.CoHosted;
        var problems = new List<string>();
        switch (mode)
        {
            case ClusterConnection.CoHosted: // dev mode: this process is a silo too
                problems.AddRange(StartupProblems.OfGrainHost(environment.EnvironmentName, configuration));
                problems.AddRange(SiloStartupChecks.StorageProblems(configuration));
                break;
            case ClusterConnection.Client:
                problems.AddRange(StartupProblems.OfClientGateway(environment.EnvironmentName, configuration));
                if (PostgresConnection.Find(configuration) is null)
                    problems.Add($"{ClusterConnection.ModeKey} is '{ClusterConnection.Client}' but {PostgresConnection.ConfigKey} is not set: the gateway finds the silos in PostgreSQL.");
                break;
            default:
                problems.Add($"{ClusterConnection.ModeKey} '{mode}' is unknown; use '{ClusterConnection.CoHosted}' or '{ClusterConnection.Client}'.");
                break;
        }
        OperatorKeys(configuration, development, problems);
        SigningKey(configuration, problems);
        problems.AddRange(HttpHardening.Problems(configuration));
        return problems;
    }

    /// The dev outbox endpoint serves every code: only in Development, and only while a channel uses it.
    public static bool OutboxEndpointAllowed(IHostEnvironment environment, IConfiguration configuration) =>
        StartupProblems.IsDevelopment(environment.EnvironmentName) &&
        ((configuration.GetSection(EmailOptions.Section).Get<EmailOptions>() ?? new()).UsesOutbox ||
         (configuration.GetSection(SmsOptions.Section).Get<SmsOptions>() ?? new()).UsesOutbox);

    private static void OperatorKeys(IConfiguration configuration, bool development, List<string> problems)
    {
        foreach (var entry in configuration.GetSection($"{OperatorOptions.Section}:Keys").GetChildren())
        {
            var path = $"{OperatorOptions.Section}:Keys:{entry.Key}";
            var key = entry["Key"] ?? "";
            if (KeyMaterial.IsDevelopmentKey(key) && !development)
                problems.Add($"{path}:Key is the shipped DEVELOPMENT-ONLY operator key, allowed only in Development.");
            else if (OperatorAuthentication.Presented(key).Length < OperatorOptions.MinimumKeyLength)
                problems.Add($"{path}:Key is shorter than {OperatorOptions.MinimumKeyLength} characters (make one with: openssl rand -base64 32).");
            var roles = OperatorAuthentication.ParseRoles(entry["Roles"] ?? "").ToList();
            if (roles.Count == 0 || !roles.All(OperatorRoles.All.Contains))
                problems.Add($"{path}:Roles must list one or more of: {string.Join(", ", OperatorRoles.All)}.");
        }
    }

    /// Optional since the cluster shares its rotated key set (issue 10, i10-keys); a PEM that is set
    /// (the static override) must be a P-256 private key in every environment.
    private static void SigningKey(IConfiguration configuration, List<string> problems)
    {
        const string key = "Tokens:SigningKeyPem";
        var pem = configuration[key];
        if (string.IsNullOrWhiteSpace(pem)) return;
        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(pem);
            if (ecdsa.KeySize != 256) problems.Add($"{key} is not a P-256 key (ES256).");
            else ecdsa.ExportParameters(includePrivateParameters: true);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            problems.Add($"{key} is not a P-256 private key in PEM form.");
        }
    }
}
