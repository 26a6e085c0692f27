using System.Security.Cryptography;

namespace SecureAccess.Testing;

/// Configuration every test host gets: fresh keys, the shipped synthetic identity records.
public static class TestSettings
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    /// Operator keys of every test host (fixtures/README.md "Operators — configuration").
    public const string OperatorKey = "test-operator-key-0123456789abcdef";
    public const string AssistorKey = "test-assistor-key-0123456789abcdef";

    public static Dictionary<string, string?> Values() => new()
    {
        ["Operators:Keys:0:Key"] = OperatorKey,
        ["Operators:Keys:0:Roles"] = "operator,assistor",
        ["Operators:Keys:1:Key"] = AssistorKey,
        ["Operators:Keys:1:Roles"] = "assistor",
        ["SecureAccess:Keys:CodeHmacKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["SecureAccess:Keys:SsnHmacKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["SecureAccess:Keys:EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    /// Issue 11's per-source and per-recipient limits set out of reach, for hosts whose whole traffic
    /// comes from one address on purpose (the load tool's end-to-end runs, the process cluster).
    public static Dictionary<string, string> Unthrottled() => new()
    {
        ["SecureAccess:FloodLimit:PermitLimit"] = "0",
        ["SecureAccess:SourceLimits:SignInAttempts"] = "100000000",
        ["SecureAccess:SourceLimits:FailedUsernamesPerHour"] = "100000000",
        ["SecureAccess:SourceLimits:FailedUsernamesPerDay"] = "100000000",
        ["SecureAccess:SourceLimits:Registrations:Count"] = "100000000",
        ["SecureAccess:SourceLimits:PasswordRecoveries:Count"] = "100000000",
        ["SecureAccess:SourceLimits:UsernameReminders:Count"] = "100000000",
        ["SecureAccess:SourceLimits:IdentityFailures:Count"] = "100000000",
        ["SecureAccess:SourceLimits:OperatorKeyFailures:Count"] = "100000000",
        ["SecureAccess:RecipientLimits:Messages:Count"] = "100000000",
    };

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
