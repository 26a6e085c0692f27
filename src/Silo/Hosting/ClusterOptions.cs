using System.Net;
using System.Net.Sockets;

namespace SecureAccess.Silo.Hosting;

/// Which cluster a silo (or client-mode gateway) belongs to and the ports a silo uses
/// (configuration section `Orleans`). Every silo and gateway of one cluster needs the same ClusterId
/// and ServiceId; grain state and reminders are keyed by ServiceId, so keep it across deployments.
public sealed class SecureAccessClusterOptions
{
    public const string Section = "Orleans";
    public const string AutoAddress = "auto";

    public string ClusterId { get; set; } = "secure-access";
    public string ServiceId { get; set; } = "secure-access";

    /// Silo-to-silo port. Two silos on one machine need different ports.
    public int SiloPort { get; set; } = 11111;

    /// Port that Orleans clients (the gateways) connect to.
    public int GatewayPort { get; set; } = 30000;

    /// The address this silo publishes in the membership table for peers and clients to reach it:
    /// an IP, or `auto` for this host's first IPv4 address (containers: the container's own address).
    public string AdvertisedIp { get; set; } = "127.0.0.1";

    /// Listen on every interface instead of only the advertised address (containers).
    public bool ListenOnAnyAddress { get; set; }

    public IPAddress ResolveAdvertisedIp()
    {
        if (!string.Equals(AdvertisedIp, AutoAddress, StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.TryParse(AdvertisedIp, out var ip)
                ? ip
                : throw new InvalidOperationException($"{Section}:{nameof(AdvertisedIp)} '{AdvertisedIp}' is neither an IP address nor '{AutoAddress}'.");
        }

        var addresses = Dns.GetHostAddresses(Dns.GetHostName());
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? throw new InvalidOperationException($"{Section}:{nameof(AdvertisedIp)} is '{AutoAddress}' but this host has no IPv4 address.");
    }
}

public static class StorageProviders
{
    public const string ConfigKey = "Storage:Provider";
    public const string Memory = "Memory";
    public const string Postgres = "Postgres";

    public static string Selected(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        configuration[ConfigKey] is { Length: > 0 } p ? p : Memory;
}
