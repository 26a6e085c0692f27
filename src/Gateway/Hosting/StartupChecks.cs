using SecureAccess.Messaging;
using SecureAccess.Security;

namespace SecureAccess.Gateway.Hosting;

/// What a Production host must refuse: development conveniences that would expose codes or keys.
public static class StartupChecks
{
    public static void RefuseUnsafeProduction(IHostEnvironment environment, IConfiguration configuration)
    {
        if (!environment.IsProduction()) return;
        var problems = new List<string>();
        var messaging = configuration[$"{MessagingOptions.Section}:{nameof(MessagingOptions.Provider)}"] ?? MessagingOptions.OutboxProvider;
        if (messaging == MessagingOptions.OutboxProvider)
            problems.Add("Messaging:Provider is 'outbox' (development only: it serves every code over HTTP).");
        foreach (var key in new[] { nameof(SecretKeysOptions.CodeHmacKey), nameof(SecretKeysOptions.SsnHmacKey), nameof(SecretKeysOptions.EncryptionKey) })
        {
            var value = configuration[$"{SecretKeysOptions.Section}:{key}"];
            if (string.IsNullOrWhiteSpace(value)) problems.Add($"{SecretKeysOptions.Section}:{key} is not set.");
            else if (KeyMaterial.IsDevelopmentKey(value)) problems.Add($"{SecretKeysOptions.Section}:{key} is the development key.");
        }
        foreach (var operatorKey in configuration.GetSection("Operators:Keys").GetChildren())
            if (KeyMaterial.IsDevelopmentKey(operatorKey["Key"] ?? "")) problems.Add($"Operators:Keys:{operatorKey.Key}:Key is the development operator key.");
        // Tokens:SigningKeyPem is optional: without it every gateway uses the cluster's shared, rotated key set (issue 10).
        if (problems.Count > 0)
            throw new InvalidOperationException("Refusing to start in Production:\n - " + string.Join("\n - ", problems));
    }
}
