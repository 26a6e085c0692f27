namespace SecureAccess.Throttling;

/// The bounded password-hashing queue is full (issue 11): the attempt was not judged and counts
/// toward nothing; the gateway answers `503 service_unavailable` with `Retry-After`.
[GenerateSerializer]
public sealed class HashingOverloadedException : Exception
{
    public HashingOverloadedException() : base("Password hashing is at capacity; retry shortly.") { }
    public HashingOverloadedException(string message) : base(message) { }
    public HashingOverloadedException(string message, Exception inner) : base(message, inner) { }

    [Id(0)] public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(2);
}
