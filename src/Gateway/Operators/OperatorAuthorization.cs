using Microsoft.Extensions.Options;
using SecureAccess.Audit;
using SecureAccess.Common;
using SecureAccess.Gateway.Problems;

namespace SecureAccess.Gateway.Operators;

/// Marks an endpoint as needing an operator key with `Role`.
public sealed record OperatorRequirement(string Role);

public static partial class OperatorAuthorization
{
    private const string ItemKey = "secure-access-operator";

    /// Operator keys and their roles from configuration, checked at start-up.
    public static IServiceCollection AddOperatorAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OperatorOptions>().Bind(configuration.GetSection(OperatorOptions.Section))
            .Validate(o => o.Keys.All(k => OperatorAuthentication.Presented(k.Key).Length >= OperatorOptions.MinimumKeyLength),
                $"Every Operators:Keys:N:Key must be at least {OperatorOptions.MinimumKeyLength} characters.")
            .Validate(o => o.Keys.All(k => OperatorAuthentication.ParseRoles(k.Roles).Any() && OperatorAuthentication.ParseRoles(k.Roles).All(OperatorRoles.All.Contains)),
                $"Every Operators:Keys:N:Roles must list one or more of: {string.Join(", ", OperatorRoles.All)}.")
            .ValidateOnStart();
        services.AddSingleton<OperatorAuthentication>();
        return services;
    }

    /// API.md: a missing or wrong `X-Operator-Key` is 401 `unauthorized`; a key without `role` is 403 `forbidden`.
    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder, string role) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OperatorRequirement(role))
               .Fails(ErrorCodes.Unauthorized, ErrorCodes.Forbidden, ErrorCodes.TooManyRequests); // too many wrong keys (issue 11)

    /// Checks the key of every endpoint marked by `RequireOperator` before anything else of the
    /// request runs (binding, validation), so a caller without a key learns nothing but 401.
    public static IApplicationBuilder UseOperatorAuthentication(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<OperatorRequirement>() is not { } requirement)
            {
                await next(http);
                return;
            }
            await RequireThen(http, requirement.Role, next);
        });

    /// Everything under `prefix` needs an operator key with `role`, whether or not a route matches,
    /// so a caller without a key cannot even learn which paths exist there (the Orleans Dashboard's
    /// routes and files, issue 13).
    public static IApplicationBuilder UseOperatorAuthentication(this IApplicationBuilder app, PathString prefix, string role) =>
        app.Use(async (http, next) =>
        {
            if (!http.Request.Path.StartsWithSegments(prefix))
            {
                await next(http);
                return;
            }
            await RequireThen(http, role, next);
        });

    private static async Task RequireThen(HttpContext http, string role, RequestDelegate next)
    {
        // Issue 11: a source that has sent too many wrong keys is refused before its key is even looked at.
        var source = SecureAccess.Gateway.Throttling.ClientSource.Of(http);
        var limits = http.RequestServices.GetRequiredService<IClusterClient>().GetGrain<SecureAccess.Throttling.ISourceLimitGrain>(source);
        if ((await limits.Check(SecureAccess.Throttling.SourceLimit.OperatorKeyFailures)).Failure is { } throttled)
        {
            await throttled.ToProblem().ExecuteAsync(http);
            return;
        }
        var presented = http.Request.Headers[OperatorAuthentication.Header].ToString();
        var identity = http.RequestServices.GetRequiredService<OperatorAuthentication>().Authenticate(presented);
        if (identity is null)
        {
            if (presented.Length > 0)
            {
                await limits.Record(SecureAccess.Throttling.SourceLimit.OperatorKeyFailures);
                LogWrongKey(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("SecureAccess.Gateway.Operators"), source, http.Request.Path);
            }
            await new Failure(ErrorCodes.Unauthorized, $"A valid {OperatorAuthentication.Header} header is required.").ToProblem().ExecuteAsync(http);
            return;
        }
        if (!identity.Roles.Contains(role))
        {
            await new Failure(ErrorCodes.Forbidden, $"This operator key does not have the '{role}' role.").ToProblem().ExecuteAsync(http);
            return;
        }
        http.Items[ItemKey] = identity;
        RequestContext.Set(AuditContext.Operator, identity.Name);
        try { await next(http); }
        finally { RequestContext.Remove(AuditContext.Operator); }
    }

    public static OperatorIdentity Operator(this HttpContext http) => (OperatorIdentity)http.Items[ItemKey]!;

    /// Never the key itself: only where the wrong key came from and what it asked for.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Wrong X-Operator-Key from source {Source} for {Path}")]
    private static partial void LogWrongKey(ILogger logger, string source, string path);
}
