namespace SecureAccess.Silo.Hosting;

/// Issue 13: where metrics and traces go (docs/operations.md "Metrics, traces and the dashboard").
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    public static TelemetryOptions From(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        Microsoft.Extensions.Configuration.ConfigurationBinder.Get<TelemetryOptions>(configuration.GetSection(Section)) ?? new TelemetryOptions();

    /// OTLP endpoint for traces (e.g. `http://collector:4317`); empty = no traces are recorded or sent.
    public string? OtlpEndpoint { get; set; }

    /// Silo only: the management port of its Prometheus scrape endpoint `http://{PrometheusHost}:{port}/metrics`;
    /// 0 = off. (A gateway serves `/metrics` on its API port behind the operator key instead.)
    public int PrometheusPort { get; set; }

    /// The Orleans Dashboard: its grain-call profiling on silos and, on gateways, `/dashboard/` behind the
    /// operator key. Every silo and gateway of a cluster should agree.
    public bool Dashboard { get; set; } = true;

    /// Silo only: the host name the management port answers to (`+` = any).
    public string PrometheusHost { get; set; } = "localhost";
}
