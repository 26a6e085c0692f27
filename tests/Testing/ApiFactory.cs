using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;

namespace SecureAccess.Testing;

/// The real gateway (Program) in dev mode with its co-hosted silo, on ports of its own, with fake
/// time, recording storage and captured logs.
public class ApiFactory : WebApplicationFactory<Program>
{
    public FakeTimeProvider Clock { get; } = new(TestSettings.Start);
    public RecordingGrainStorage Storage { get; } = new();
    public CapturedLogs Logs { get; } = new();
    public Dictionary<string, string?> Settings { get; } = TestSettings.Values();
    public string EnvironmentName { get; set; } = "Development";

    public IClusterClient Cluster => Services.GetRequiredService<IClusterClient>();

    /// A client of its own address (issue 11: per-source limits), unless `source` names one.
    public SecureAccessApi Api(string? source = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(TestClientSource.Header, source ?? TestClientSource.Fresh());
        return new(client);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        Settings["Orleans:SiloPort"] = TestSettings.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["Orleans:GatewayPort"] = TestSettings.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(Settings));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, StatusLedger>(); // first: it sees the final status (issue 12)
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TestClientSource>();
            Storage.RegisterIn(services);
            services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        });
    }
}
