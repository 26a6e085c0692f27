using SecureAccess.Audit;

namespace SecureAccess.Gateway.Operators;

public static class RequestSource
{
    /// Puts the client's address into the Orleans `RequestContext` of every request, the one place
    /// the audit trail learns "from where" (it travels with every grain call the request makes).
    public static IApplicationBuilder UseRequestSource(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            RequestContext.Set(AuditContext.Source, http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            RequestContext.Set(SecureAccess.Throttling.ThrottleContext.Source, SecureAccess.Gateway.Throttling.ClientSource.Of(http)); // issue 11: what the limits count by
            try { await next(http); }
            finally
            {
                RequestContext.Remove(AuditContext.Source);
                RequestContext.Remove(SecureAccess.Throttling.ThrottleContext.Source);
            }
        });
}
