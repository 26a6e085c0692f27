namespace SecureAccess.Silo.Hosting;

/// Where grain state, reminders and membership live, and the ports this silo uses.
public sealed class SecureAccessClusterOptions
{
    public const string Section = "Orleans";
    public string ClusterId { get; set; } = "secure-access";
    public string ServiceId { get; set; } = "secure-access";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    public string AdvertisedIp { get; set; } = "127.0.0.1";
}

public static class StorageProviders
{
    public const string ConfigKey = "Storage:Provider";
    public const string Memory = "Memory";
    public const string Postgres = "Postgres";

    public static string Selected(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        configuration[ConfigKey] is { Length: > 0 } p ? p : Memory;
}
