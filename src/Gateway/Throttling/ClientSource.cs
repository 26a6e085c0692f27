namespace SecureAccess.Gateway.Throttling;

/// A request's throttling source (issue 11): the client address after the trusted forwarded headers,
/// keyed by GrainKeys.Source.
public static class ClientSource
{
    public static string Of(HttpContext http) => Common.GrainKeys.Source(http.Connection.RemoteIpAddress);
}
