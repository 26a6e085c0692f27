using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SecureAccess.Gateway.Endpoints;

/// API.md "Health and docs": live = the process answers; ready = the cluster answers (ClusterReadyCheck).
/// Plain text, as the health-check middleware wrote it; mapped as endpoints so the OpenAPI document lists them.
public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health");
        group.MapGet("/live", () => TypedResults.Text(nameof(HealthStatus.Healthy), "text/plain"))
            .Produces<string>(StatusCodes.Status200OK, "text/plain").WithName("GetLiveness").WithSummary("Liveness: the process answers");
        group.MapGet("/ready", async (HealthCheckService health, HttpContext http, CancellationToken cancel) =>
        {
            var report = await health.CheckHealthAsync(c => c.Tags.Contains("ready"), cancel);
            http.Response.Headers.CacheControl = "no-store, no-cache";
            return TypedResults.Text(report.Status.ToString(), "text/plain",
                statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
        }).Produces<string>(StatusCodes.Status200OK, "text/plain").Produces<string>(StatusCodes.Status503ServiceUnavailable, "text/plain")
          .WithName("GetReadiness").WithSummary("Readiness: the cluster answers");
    }
}
