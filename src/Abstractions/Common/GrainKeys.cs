using System.Net;
using System.Net.Sockets;

namespace SecureAccess.Common;

/// The one place a grain key is made from what a user or a request supplies (issue 12). Two callers that
/// normalised the same name differently would reach two grains, and with them two counters or two
/// owners: so the gateway and the grains both take their keys from here.
public static class GrainKeys
{
    /// A username, as the user grain (SA-10 counters, SA-11) and its audit trail are keyed.
    public static string Username(string username) => username.Trim().ToLowerInvariant();

    /// An email address, as the email index (SA-14 reminders) is keyed.
    public static string Email(string email) => email.Trim().ToLowerInvariant();

    /// A message recipient (email, E.164 number or username): the dev outbox and the per-recipient limit.
    public static string Recipient(string recipient) => recipient.Trim().ToLowerInvariant();

    /// A request's throttling source (issue 11): an IPv4 address, or an IPv6 /64 — one subscriber
    /// usually holds a whole /64, so counting single IPv6 addresses would let one client rotate
    /// through 2^64 of them.
    public static string Source(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
