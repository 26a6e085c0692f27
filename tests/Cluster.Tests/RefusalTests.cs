using SecureAccess.Cluster.Tests.Infrastructure;

namespace SecureAccess.Cluster.Tests;

/// Issue 10 "Refusals": the built silo and gateway, run as processes with a complete Production
/// configuration except for one development shortcut or one malformed value, each exit 2 with one
/// line naming the key and no stack trace — in Staging and in Production, in both gateway modes.
public sealed class RefusalTests : IDisposable
{
    private readonly ProductionShape _shape = new(smtpPort: 2525, twilioBaseUrl: "http://127.0.0.1:9", people: 1, "AC0123456789abcdef0123456789abcdef", "token-for-refusal-tests");

    public static TheoryData<string, string, string, string?, string> Shortcuts()
    {
        var data = new TheoryData<string, string, string, string?, string>();
        foreach (var environment in new[] { "Staging", "Production" })
        {
            foreach (var node in new[] { "silo", "gateway" })
            {
                data.Add(environment, node, "Messaging__Email__Provider", "Outbox", "Messaging:Email:Provider is Outbox");
                data.Add(environment, node, "Messaging__Sms__Provider", "Outbox", "Messaging:Sms:Provider is Outbox");
                data.Add(environment, node, "Messaging__Sms__Provider", null, "Messaging:Sms:Provider is Outbox");
                data.Add(environment, node, "SecureAccess__Keys__EncryptionKey", "DEVELOPMENT-ONLY:ef8FEVxLEvmXx3z+TrJoB/VnRijbdfMDR0qhYjd4BrM=", "SecureAccess:Keys:EncryptionKey is the shipped DEVELOPMENT-ONLY key");
                data.Add(environment, node, "IdentityRecords__Path", Path.Combine(Path.GetDirectoryName(BuildOutputs.SiloDll)!, "identity-records.synthetic.json"), "IdentityRecords:Path is the shipped synthetic identity set");
                data.Add(environment, node, "IdentityRecords__Path", null, "IdentityRecords:Path is not set");
            }
            data.Add(environment, "gateway", "Operators__Keys__0__Key", "DEVELOPMENT-ONLY:dev-operator-6c9ad328a2072dcaae2f7591065fa946", "Operators:Keys:0:Key is the shipped DEVELOPMENT-ONLY operator key");
            data.Add(environment, "client-gateway", "Messaging__Email__Provider", "Outbox", "Messaging:Email:Provider is Outbox");
        }
        // Misconfiguration refuses in every environment, Development included.
        foreach (var environment in new[] { "Development", "Production" })
        {
            data.Add(environment, "gateway", "Operators__Keys__0__Key", "short-key", "Operators:Keys:0:Key is shorter than 32 characters");
            data.Add(environment, "gateway", "Tokens__SigningKeyPem", "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----", "Tokens:SigningKeyPem is not a P-256 private key");
            data.Add(environment, "silo", "ConnectionStrings__Orleans", null, "ConnectionStrings:Orleans is not set");
            data.Add(environment, "client-gateway", "ConnectionStrings__Orleans", null, "ConnectionStrings:Orleans is not set");
            data.Add(environment, "silo", "SecureAccess__Keys__CodeHmacKey", "c2hvcnQ=", "SecureAccess:Keys:CodeHmacKey must be at least 32 bytes");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Shortcuts))]
    public async Task Refuses_with_one_line_and_exit_2(string environment, string node, string key, string? value, string line)
    {
        var settings = new Dictionary<string, string>(_shape.Settings)
        {
            ["DOTNET_ENVIRONMENT"] = environment,
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["Storage__Provider"] = "Postgres",
            ["ConnectionStrings__Orleans"] = "Host=127.0.0.1;Port=9;Database=none;Username=none;Password=none",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (node == "client-gateway") settings["Cluster__Mode"] = "Client";
        if (value is null) settings.Remove(key);
        else settings[key] = value;

        var dll = node == "silo" ? BuildOutputs.SiloDll : BuildOutputs.GatewayDll;
        await using var process = NodeProcess.Start(node, dll, settings, "--urls", "http://127.0.0.1:0");
        var exit = await process.WaitForExit(TimeSpan.FromSeconds(60));
        await Task.Delay(100); // the last lines of output
        var lines = process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.True(exit == 2, $"exit {exit}:\n{process.Output}");
        var refusal = Assert.Single(lines, l => l.Contains(line, StringComparison.Ordinal));
        Assert.StartsWith($"Secure Access {(node == "silo" ? "silo" : "gateway")} refused to start: ", refusal);
        Assert.All(lines, l => Assert.StartsWith("Secure Access ", l)); // nothing else: no stack trace, no host noise
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    public void Dispose() => _shape.Dispose();
}
