using SecureAccess.Gateway.Problems;
using SecureAccess.Throttling;

namespace SecureAccess.Gateway.Throttling;

/// Puts an anonymous route behind one of the per-source limits (issue 11). The rule and the counter
/// are the source's grain's; the gateway only asks, so every gateway counts against the same number.
public static class SourceLimitFilter
{
    public static TBuilder LimitedBySource<TBuilder>(this TBuilder builder, SourceLimit limit) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var admitted = await http.RequestServices.GetRequiredService<IClusterClient>()
                .GetGrain<ISourceLimitGrain>(ClientSource.Of(http)).Admit(limit);
            return admitted.Failure is { } refused ? refused.ToProblem() : await next(context);
        }).Fails(SecureAccess.Common.ErrorCodes.TooManyRequests);
}
