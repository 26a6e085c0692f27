using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using SecureAccess.Common;
using SecureAccess.Gateway.Problems;
using SecureAccess.Throttling;

namespace SecureAccess.Gateway.Throttling;

/// ASP.NET Core's rate limiter in front of everything (issue 11): a fixed window per source per
/// gateway. A refusal is a 429 problem with code `too_many_requests` and `Retry-After`, never the
/// limiter's default empty 503. Health probes are never limited.
public static class FloodLimiting
{
    public static IServiceCollection AddFloodLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(FloodLimitOptions.Section).Get<FloodLimitOptions>() ?? new FloodLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                options.PermitLimit <= 0 || http.Request.Path.StartsWithSegments("/health")
                    ? RateLimitPartition.GetNoLimiter("unlimited")
                    : RateLimitPartition.GetFixedWindowLimiter(ClientSource.Of(http), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.PermitLimit,
                        Window = options.Window,
                        QueueLimit = 0,
                    }));
            limiter.OnRejected = async (context, cancellation) =>
            {
                ThrottleMetrics.Refuse("gateway-flood");
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : options.Window;
                var problem = Failure.Throttled("Too many requests from your network; wait before trying again.", wait).ToProblem();
                context.HttpContext.Response.StatusCode = problem.Status;
                await problem.ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }
}
