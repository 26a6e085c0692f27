using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace SecureAccess.Testing;

/// Test servers have no client address; this gives each request the address named in its
/// `X-Test-Client` header, so tests can act as different clients (issue 11's per-source limits).
/// It runs before the gateway's own middleware, exactly where a socket's address would come from.
public sealed class TestClientSource : IStartupFilter
{
    public const string Header = "X-Test-Client";
    private static int _next;

    /// A fresh documentation-range address (RFC 5737 198.18.0.0/15 is for benchmarks: not routable).
    public static string Fresh()
    {
        var n = Interlocked.Increment(ref _next);
        return $"198.{18 + (n >> 16 & 1)}.{n >> 8 & 255}.{n & 255}";
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, nextMiddleware) =>
        {
            if (http.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value.ToString(), out var address))
                http.Connection.RemoteIpAddress = address;
            await nextMiddleware(http);
        });
        next(app);
    };
}
