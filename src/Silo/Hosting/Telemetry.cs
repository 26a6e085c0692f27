using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace SecureAccess.Silo.Hosting;

/// Issue 13: one OpenTelemetry set-up for silos and gateways. Metrics: every meter named
/// "SecureAccess.*" (sign-ins, hashing queue, throttles, messaging — each owned by its feature),
/// Orleans' meter, and on a gateway ASP.NET Core's and Kestrel's. Traces only when an OTLP endpoint is
/// configured, so nothing is recorded for nobody.
public static class Telemetry
{
    public const string ServiceMeters = "SecureAccess.*";

    /// The meters every process exports; a gateway adds its own exporter (the Prometheus endpoint).
    public static OpenTelemetryBuilder AddSecureAccessTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var options = TelemetryOptions.From(builder.Configuration);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceInstanceId: Environment.MachineName + "-" + Environment.ProcessId))
            .WithMetrics(metrics => metrics
                .AddMeter(ServiceMeters)
                .AddMeter("Microsoft.Orleans")
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting")
                .AddMeter("System.Runtime"));
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            var endpoint = new Uri(options.OtlpEndpoint);
            telemetry.WithTracing(tracing => tracing
                .AddSource("Microsoft.AspNetCore", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddOtlpExporter(o => o.Endpoint = endpoint));
        }
        return telemetry;
    }

    /// A silo has no HTTP server of its own: it serves the scrape endpoint on a management port when one is configured.
    public static void AddSiloTelemetry(this IHostApplicationBuilder builder)
    {
        var options = TelemetryOptions.From(builder.Configuration);
        var telemetry = builder.AddSecureAccessTelemetry("secure-access-silo");
        if (options.PrometheusPort > 0)
            telemetry.WithMetrics(metrics => metrics.AddPrometheusHttpListener(o =>
            {
                o.Host = options.PrometheusHost;
                o.Port = options.PrometheusPort;
            }));
    }
}
