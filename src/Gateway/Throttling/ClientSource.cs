using System.Net;
using System.Net.Sockets;

namespace SecureAccess.Gateway.Throttling;

/// The one place a request's throttling source is derived (issue 11): the client address after the
/// trusted forwarded headers, as an IPv4 address or an IPv6 /64 (one subscriber usually holds a whole
/// /64, so counting single IPv6 addresses would let one client rotate through 2^64 of them).
public static class ClientSource
{
    public static string Of(HttpContext http) => Of(http.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
