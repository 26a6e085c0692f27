using System.Net;
using System.Net.Http.Headers;

namespace SecureAccess.LoadTest.Api;

/// The HttpClient under the generated client, tuned for load.
internal static class LoadHttpClient
{
    /// Sockets tuned for load: no connection cap, no cookies or redirects that a client app would
    /// not follow either. The generated client takes paths relative to the base address.
    public static HttpClient Create(Uri baseAddress, TimeSpan timeout, HttpMessageHandler? handler)
    {
        var client = handler is null
            ? new HttpClient(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = int.MaxValue,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                UseCookies = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
            }, disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        client.BaseAddress = EnsureTrailingSlash(baseAddress);
        client.Timeout = timeout;
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("SecureAccess.LoadTest", "1.0"));
        return client;
    }

    private static Uri EnsureTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
