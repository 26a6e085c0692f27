using System.Net;

namespace SecureAccess.LoadTest.Cli;

/// Load is only ever aimed at this machine unless the operator says otherwise: a mistyped address
/// must not become a flood against someone else's server.
public static class TargetGuard
{
    /// Loopback means 127.0.0.0/8, ::1 (also IPv4-mapped) or the name `localhost`. Other names are
    /// not resolved: a name that happens to resolve to loopback today is still refused.
    public static bool IsLoopback(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var host = target.IdnHost;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return IPAddress.IsLoopback(address);
    }

    /// Null when the target may be used; otherwise the message to show.
    public static string? Check(Uri? target, bool allowRemote)
    {
        if (target is null)
        {
            return "--target is required (e.g. --target http://127.0.0.1:5080).";
        }

        if (!target.IsAbsoluteUri || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
        {
            return $"--target must be an absolute http(s) URL, not '{target}'.";
        }

        if (!allowRemote && !IsLoopback(target))
        {
            return $"Refusing to send load to {target.Host}: only loopback targets (127.0.0.0/8, localhost, ::1) " +
                   "are allowed. Pass --allow-remote if you really mean a remote server you are responsible for.";
        }

        return null;
    }
}
