using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using SecureAccess.Silo.Hosting;
using SecureAccess.Silo.Persistence;

namespace SecureAccess.Silo;

/// `SecureAccess.Silo` runs one silo; `SecureAccess.Silo migrate` applies the PostgreSQL schema.
/// Exit codes: 0 done, 1 failed at run time, 2 refused to start (configuration, database, schema).
public static class SiloProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == MigrateCommand.Verb) return await MigrateCommand.RunAsync(args[1..]);

        // Content root = the binaries' folder, so appsettings*.json are found wherever it is started from.
        // `dotnet run` falls back to the launch profile's SA_LAUNCH_ENVIRONMENT only when the shell chose none (issue 10).
        var launchEnvironment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is { Length: > 0 } || Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is { Length: > 0 }
            ? null : Environment.GetEnvironmentVariable("SA_LAUNCH_ENVIRONMENT") is { Length: > 0 } fallback ? fallback : null;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory, EnvironmentName = launchEnvironment });
        if (SiloStartupChecks.Report("silo", SiloStartupChecks.Problems(builder.Environment, builder.Configuration))) return 2;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await SiloStartupChecks.RefuseWithoutSchema(builder.Configuration, timeout.Token);
            builder.UseOrleans(silo => silo.ConfigureSecureAccessSilo(builder.Configuration));
            builder.AddSiloTelemetry(); // issue 13: metrics on Telemetry:PrometheusPort, traces to Telemetry:OtlpEndpoint
        }
        catch (Exception e) when (e is StartupRefusedException or SchemaNotReadyException or InvalidOperationException or OperationCanceledException)
        {
            // One line an operator can act on; SchemaNotReadyException never carries the password.
            Console.Error.WriteLine($"Secure Access silo refused to start: {e.Message}");
            return 2;
        }

        var host = builder.Build();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStarted.Register(() =>
        {
            var silo = host.Services.GetRequiredService<ILocalSiloDetails>();
            Console.WriteLine($"Secure Access silo {silo.SiloAddress} is active (gateway {silo.GatewayAddress}, " +
                $"storage {StorageProviders.Selected(builder.Configuration)}, {builder.Environment.EnvironmentName}).");
        });
        lifetime.ApplicationStopping.Register(() => Console.WriteLine("Secure Access silo stopping: leaving the cluster."));

        try
        {
            await host.RunAsync();
            return 0;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"Secure Access silo stopped on an error: {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }
}
