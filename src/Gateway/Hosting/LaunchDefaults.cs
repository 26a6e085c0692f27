namespace SecureAccess.Gateway.Hosting;

/// `dotnet run --project src/Gateway` starts dev mode on http://127.0.0.1:5080 without overriding
/// what the shell says (issue 10). The launch profile sets only these SA_LAUNCH_* fallbacks, because a
/// profile's own ASPNETCORE_* variables would replace the shell's (TOOLCHAIN.md). Precedence, highest
/// first: command-line `--environment`/`--urls`, ASPNETCORE_*/DOTNET_* variables, the profile's
/// fallbacks, then ASP.NET Core's defaults (Production, port 5000/8080). A published binary has no
/// profile, so it never defaults to Development.
public static class LaunchDefaults
{
    public const string EnvironmentVariable = "SA_LAUNCH_ENVIRONMENT";
    public const string UrlsVariable = "SA_LAUNCH_URLS";

    /// The build-time OpenAPI generator (Microsoft.Extensions.ApiDescription.Server, issue 12) runs this
    /// Program up to `Build()` inside its own entry assembly and never starts the host. It cannot pass an
    /// environment, and Production refuses to build without keys, so it gets dev mode: the in-memory
    /// co-hosted silo is only configured, never started, and the document includes the dev outbox.
    public static bool RunByDocumentGenerator =>
        string.Equals(System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name, "GetDocument.Insider", StringComparison.Ordinal);

    public static WebApplicationOptions Options(string[] args)
    {
        var chosen = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is { Length: > 0 }
            || Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is { Length: > 0 }
            || args.Any(a => a.StartsWith("--environment", StringComparison.OrdinalIgnoreCase));
        var fallback = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (RunByDocumentGenerator) return new WebApplicationOptions { Args = args, EnvironmentName = Environments.Development };
        return new WebApplicationOptions { Args = args, EnvironmentName = chosen || string.IsNullOrEmpty(fallback) ? null : fallback };
    }

    /// The profile's address, unless `--urls`, ASPNETCORE_URLS or ASPNETCORE_HTTP(S)_PORTS chose one.
    public static void ApplyUrls(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (configuration["urls"] is { Length: > 0 } || configuration["http_ports"] is { Length: > 0 } || configuration["https_ports"] is { Length: > 0 }) return;
        if (Environment.GetEnvironmentVariable(UrlsVariable) is { Length: > 0 } urls) builder.WebHost.UseUrls(urls);
    }
}
