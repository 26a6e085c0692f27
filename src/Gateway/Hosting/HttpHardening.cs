using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using SecureAccess.Common;
using SecureAccess.Gateway.Problems;

namespace SecureAccess.Gateway.Hosting;

/// Issue 10's transport rules: forwarded headers only from configured proxies, a request-body limit,
/// `Cache-Control: no-store` on API answers, and HSTS outside Development.
public static class HttpHardening
{
    public const string KnownProxiesKey = "ForwardedHeaders:KnownProxies";

    public static WebApplicationBuilder AddHttpHardening(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.Configure<HttpHardeningOptions>(configuration.GetSection(HttpHardeningOptions.Section));
        var proxies = KnownProxies(configuration);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // X-Forwarded-For/-Proto count only when the connection comes from a listed proxy; the
            // framework's default trust of loopback goes, so that nothing is trusted unless configured.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
        });
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = builder.Configuration.GetSection(HttpHardeningOptions.Section).Get<HttpHardeningOptions>()?.HstsMaxAge ?? new HttpHardeningOptions().HstsMaxAge;
            o.IncludeSubDomains = true;
        });
        return builder;
    }

    /// Goes first in the pipeline: the audit trail's source (RequestSource) must see the client's address.
    public static WebApplication UseHttpHardening(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        var options = app.Services.GetRequiredService<IOptions<HttpHardeningOptions>>().Value;
        app.Use(async (http, next) =>
        {
            // API answers can carry tokens, TOTP secrets and temporary passwords, and all of them are
            // personal: no cache anywhere keeps them (API.md "Tokens"). JWKS and docs stay cacheable.
            if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                http.Response.OnStarting(() =>
                {
                    http.Response.Headers.CacheControl = "no-store";
                    http.Response.Headers.Pragma = "no-cache";
                    return Task.CompletedTask;
                });
            var limit = http.GetEndpoint()?.Metadata.GetMetadata<LargeBodyAllowed>() is null ? options.MaxRequestBodyBytes : options.MaxImportBodyBytes;
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize) bodySize.MaxRequestBodySize = limit;
            if (http.Request.ContentLength > limit)
            {
                await TooLarge(limit).ExecuteAsync(http);
                return;
            }
            await next(http);
        });
        return app;
    }

    /// Kestrel's own check of a body without Content-Length (chunked) ends here too (ExceptionMapping).
    public static ProblemResult TooLarge(long? limit) =>
        new Failure(ErrorCodes.InvalidRequest, limit is null ? "The request body is too large." : $"The request body is larger than {limit} bytes.")
            .ToProblem(StatusCodes.Status413PayloadTooLarge);

    /// Start-up refusals (StartupChecks): each `ForwardedHeaders:KnownProxies` entry must be an IP address.
    public static IEnumerable<string> Problems(IConfiguration configuration) =>
        ProxyValues(configuration).Where(v => !IPAddress.TryParse(v, out _)).Select(v => $"{KnownProxiesKey}: '{v}' is not an IP address.");

    /// `ForwardedHeaders:KnownProxies`: a list (`…:KnownProxies:0`, `:1`, …) or one comma-separated value.
    private static List<IPAddress> KnownProxies(IConfiguration configuration) =>
        [.. ProxyValues(configuration).Select(v => IPAddress.TryParse(v, out var ip)
            ? ip
            : throw new InvalidOperationException($"{KnownProxiesKey}: '{v}' is not an IP address."))];

    private static string[] ProxyValues(IConfiguration configuration)
    {
        var section = configuration.GetSection(KnownProxiesKey);
        return section.Value is { Length: > 0 } single
            ? single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [.. section.GetChildren().Select(c => c.Value ?? "").Where(v => v.Length > 0)];
    }
}
