namespace SecureAccess.Registration;

/// A registration's id carries the moment it started (a version-7 GUID), because an unfinished
/// registration's row is deleted when its lifetime ends (issue 11), yet API.md promises `410 expired`,
/// not `404 not_found`, for a registration past its time. The id then still tells which it was.
public static class RegistrationIds
{
    private static readonly long MaxUnixMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public static Guid New(TimeProvider clock) => Guid.CreateVersion7(clock.GetUtcNow());

    /// When the registration with this id started, if the id is one this service made (version 7).
    public static DateTimeOffset? StartedAt(Guid id)
    {
        if (id.Version != 7) return null;
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        long unixMs = 0;
        for (var i = 0; i < 6; i++) unixMs = (unixMs << 8) | bytes[i];
        // 48 bits reach past year 9999: such an id was made by hand, not by us.
        return unixMs <= MaxUnixMs ? DateTimeOffset.FromUnixTimeMilliseconds(unixMs) : null;
    }
}
