using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Json;
using OpenTelemetry.Metrics;
using Orleans.Dashboard;
using SecureAccess.Gateway.Endpoints;
using SecureAccess.Gateway.Hosting;
using SecureAccess.Gateway.Operators;
using SecureAccess.Gateway.Throttling;
using SecureAccess.Gateway.Tokens;
using SecureAccess.Silo.Hosting;

var builder = WebApplication.CreateBuilder(LaunchDefaults.Options(args));
LaunchDefaults.ApplyUrls(builder);
// Issue 10: one line per problem, exit 2, no stack trace; nothing below runs on a bad configuration.
if (SiloStartupChecks.Report("gateway", StartupChecks.Problems(builder.Environment, builder.Configuration))) return 2;

var clusterMode = builder.AddSecureAccessCluster();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddTokens(builder.Configuration);
builder.AddHttpHardening();  // forwarded headers, body limit, no-store, HSTS (issue 10)
builder.Services.AddOperatorAuthentication(builder.Configuration);
builder.Services.AddFloodLimiting(builder.Configuration); // issue 11: per-gateway flood shedding before any grain call
builder.Services.AddProblemDetails();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip);
builder.Services.AddApiDocumentation(); // issue 12: every status, schema, problem code and security scheme
builder.AddSecureAccessTelemetry("secure-access-gateway").WithMetrics(m => m.AddPrometheusExporter());
builder.Services.AddHealthChecks().AddCheck<ClusterReadyCheck>("cluster", tags: ["ready"]);

var app = builder.Build();
app.UseProblemExceptions();
app.UseProblemStatusCodes();
app.UseHttpHardening();
app.UseRequestSource();          // the audit trail's "from where"
app.UseRateLimiter();            // issue 11: after the forwarded headers, so it counts by the real client
app.UseOperatorAuthentication(); // X-Operator-Key on admin and help-desk routes
app.UseOperatorAuthentication(DashboardPath, OperatorRoles.Operator); // and on all of the Orleans Dashboard (issue 13)
app.UseOperatorAuthentication(MetricsPath, OperatorRoles.Operator);   // and on the Prometheus endpoint (issue 13)

app.MapRegistrationEndpoints();
app.MapSessionEndpoints();
app.MapAccountEndpoints();
app.MapRecoveryEndpoints();
app.MapLetterEndpoints();
app.MapWellKnownEndpoints();
app.MapAdminEndpoints();
app.MapSigningKeyEndpoints();
app.MapHelpDeskEndpoints();
app.MapProductEndpoints();
var outboxOn = StartupChecks.OutboxEndpointAllowed(app.Environment, app.Configuration);
if (outboxOn) app.MapOutboxEndpoints();

// Issue 13: the Prometheus scrape endpoint is an operator's, like the admin API (docs/operations.md).
app.MapPrometheusScrapingEndpoint(MetricsPath);
// Issue 13: the Orleans Dashboard is an operator's too; a browser reaches it through a proxy that adds the key.
if (TelemetryOptions.From(app.Configuration).Dashboard) app.MapOrleansDashboard(routePrefix: DashboardPath).ExcludeFromDescription(); // not part of the REST contract
app.MapHealthEndpoints();
var documentationOn = app.MapApiDocumentation(); // issue 12: Api:Documentation:Enabled (default true)

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    var storage = StorageProviders.Selected(app.Configuration);
    Console.WriteLine($"Secure Access gateway listening on {string.Join(", ", addresses)} ({app.Environment.EnvironmentName}, cluster mode {clusterMode}).");
    if (clusterMode == ClusterConnection.CoHosted && storage == StorageProviders.Memory)
        Console.WriteLine("Dev mode: a silo runs in this process and ALL DATA LIVES IN MEMORY — it is gone when the process stops.");
    if (outboxOn)
        Console.WriteLine("Messages go to the development outbox: GET /api/v1/dev/outbox?to=<email|+E164|username>." + (documentationOn ? " API docs at /docs." : ""));
    if (app.Environment.IsDevelopment() && OperatorAuthentication.DevelopmentKey(app.Configuration) is { } operatorKey)
        Console.WriteLine($"Development operator key (roles operator, assistor): {OperatorAuthentication.Header}: {operatorKey}");
});

try
{
    app.Run();
}
catch (Exception e) when (clusterMode == ClusterConnection.Client && e is OrleansException or TimeoutException)
{
    // An operator needs the reason in one line, not a stack trace: the client gave up waiting for the cluster.
    Console.Error.WriteLine($"Secure Access gateway: cannot reach the cluster ({e.GetType().Name}: {e.Message}). Check that PostgreSQL and at least one silo are up.");
    return 2;
}
return 0;

public partial class Program
{
    private const string DashboardPath = "/dashboard";
    private const string MetricsPath = "/metrics";
}
