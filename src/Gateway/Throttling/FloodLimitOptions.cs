namespace SecureAccess.Gateway.Throttling;

/// Issue 11: each gateway's cheap first line, before any grain call. Per source and per gateway
/// (not shared): it only sheds gross floods; the exact limits are the grains' (SourceLimitOptions).
public sealed class FloodLimitOptions
{
    public const string Section = "SecureAccess:FloodLimit";

    /// Requests one source may make to one gateway per `Window`. 0 turns the limiter off.
    public int PermitLimit { get; set; } = 600;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
