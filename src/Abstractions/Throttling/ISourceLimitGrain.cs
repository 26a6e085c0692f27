using SecureAccess.Common;

namespace SecureAccess.Throttling;

/// Per-source limits (issue 11), one activation per source (an IPv4 address or an IPv6 /64), so
/// every gateway and silo counts against the same numbers. Keyed by `ThrottleContext.Source`.
public interface ISourceLimitGrain : IGrainWithStringKey
{
    /// Admits one password attempt on `username` from this source, or refuses it with
    /// `too_many_requests` before anything is counted against the username (the lockout-DoS damper).
    /// True when the admission reserved a new failed-username slot that `Release` must give back if
    /// the attempt does not fail.
    Task<Result<bool>> AdmitSignIn(string username);

    /// The attempt this source was admitted for did not fail: its username slot is free again.
    Task Release(string username);

    /// Counts one request against `limit`, or refuses it (`too_many_requests`) when the window is full.
    Task<Result<Done>> Admit(SourceLimit limit);

    /// Refuses when `limit`'s window is full; counts nothing (for limits that count failures only).
    Task<Result<Done>> Check(SourceLimit limit);

    /// Counts one failure against `limit`.
    Task Record(SourceLimit limit);
}

/// The Orleans `RequestContext` key the gateway sets for every request: the throttling source.
public static class ThrottleContext
{
    public const string Source = "throttle-source";

    /// The current call's source, or null for calls that did not come through a gateway request.
    public static string? Current => RequestContext.Get(Source) as string;
}
