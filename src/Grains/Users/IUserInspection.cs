using SecureAccess.Common;

namespace SecureAccess.Users;

/// A user grain's counters as the grain holds them, for tests and diagnostics. Not part of the
/// contract the gateway calls (src/Abstractions): nothing in the service needs it (issue 12).
public interface IUserInspection : IGrainWithStringKey
{
    [SafeToRepeat]
    Task<UserSummary> GetSummary();
}

/// What `IUserInspection` tells; no secret in it.
[GenerateSerializer, Immutable]
public sealed record UserSummary(
    [property: Id(0)] string Username,
    [property: Id(1)] UserStatus Status,
    [property: Id(2)] int FailedAttempts,
    [property: Id(3)] DateTimeOffset? LockedUntil,
    [property: Id(4)] bool PhoneVerified);
