using System.Security.Cryptography;
using System.Text.Json.Nodes;
using SecureAccess.Testing;

namespace SecureAccess.Cluster.Tests.Infrastructure;

/// Everything a Production node needs, made for one test run: fresh keys, an identity-records file of
/// the test's own people (none of the shipped synthetic SSNs), and providers pointed at the local SMTP
/// server and Twilio stub. Kept so tests can check no secret ever reaches a log.
public sealed class ProductionShape : IDisposable
{
    public ProductionShape(int smtpPort, string twilioBaseUrl, int people, string twilioSid, string twilioToken)
    {
        Directory.CreateDirectory(Folder);
        People = Enumerable.Range(1, people)
            .Select(n => Testing.People.Generated(1990 + n) with { Ssn = $"801-{n / 10000 % 100:00}-{n % 10000:0000}" })
            .ToList();
        File.WriteAllText(IdentityFile, new JsonArray(People.Select(Record).ToArray<JsonNode?>()).ToJsonString());
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        SigningKeyPem = ecdsa.ExportPkcs8PrivateKeyPem();
        TwilioToken = twilioToken;

        Settings = new()
        {
            ["SecureAccess__Keys__CodeHmacKey"] = CodeKey,
            ["SecureAccess__Keys__SsnHmacKey"] = SsnKey,
            ["SecureAccess__Keys__EncryptionKey"] = EncryptionKey,
            ["Tokens__SigningKeyPem"] = SigningKeyPem,
            ["Operators__Keys__0__Key"] = OperatorKey,
            ["Operators__Keys__0__Roles"] = "operator,assistor",
            ["Operators__Keys__0__Name"] = "test-operator",
            ["IdentityRecords__Path"] = IdentityFile,
            ["Messaging__Email__Provider"] = "Smtp",
            ["Messaging__Email__Smtp__Host"] = "127.0.0.1",
            ["Messaging__Email__Smtp__Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Messaging__Email__Smtp__Security"] = "None",
            ["Messaging__Email__Smtp__From"] = "Secure Access <no-reply@secure-access.test>",
            ["Messaging__Sms__Provider"] = "Twilio",
            ["Messaging__Sms__Twilio__AccountSid"] = twilioSid,
            ["Messaging__Sms__Twilio__AuthToken"] = twilioToken,
            ["Messaging__Sms__Twilio__From"] = "+15005550006",
            ["Messaging__Sms__Twilio__BaseUrl"] = twilioBaseUrl,
            // Everything this service and its HTTP client say, at the most talkative level, so the
            // test can show that no secret is in it (Orleans itself stays quiet to keep output small).
            ["Logging__LogLevel__SecureAccess"] = "Trace",
            ["Logging__LogLevel__System.Net.Http"] = "Trace",
            ["Logging__LogLevel__Microsoft.Extensions.Http"] = "Trace",
            ["Logging__LogLevel__Polly"] = "Trace",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace",
        };
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "sa-production-" + Guid.NewGuid().ToString("N")[..8]);
    public string IdentityFile => Path.Combine(Folder, "identity-records.json");
    public List<Person> People { get; }
    public string CodeKey { get; } = NewKey();
    public string SsnKey { get; } = NewKey();
    public string EncryptionKey { get; } = NewKey();
    public string OperatorKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    public string SigningKeyPem { get; }
    public string TwilioToken { get; }
    public Dictionary<string, string> Settings { get; }

    /// Values that must never appear in any process's output.
    public IEnumerable<string> Secrets => [CodeKey, SsnKey, EncryptionKey, OperatorKey, TwilioToken, SigningKeyPem.Split('\n')[1]];

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static JsonObject Record(Person p) => new()
    {
        ["ssn"] = p.Ssn,
        ["firstName"] = p.FirstName,
        ["lastName"] = p.LastName,
        ["dateOfBirth"] = p.DateOfBirth,
        ["filingStatus"] = p.FilingStatus,
        ["address"] = p.Address.DeepClone(),
        ["creditFreeze"] = false,
        ["financialAccounts"] = new JsonArray(new JsonObject { ["type"] = p.AccountType, ["number"] = p.AccountNumber }),
        ["mobilePhones"] = new JsonArray([.. p.MobilePhones.Select(phone => (JsonNode?)phone)]), // SA-7 (issue 14)
    };
}
