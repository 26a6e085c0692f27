namespace SecureAccess.Gateway.Hosting;

/// Issue 10: limits on what a request may carry. A bigger body is refused with 413 `invalid_request`
/// before anything reads it.
public sealed class HttpHardeningOptions
{
    public const string Section = "Http";

    /// Every request body, in bytes (64 KB: the largest legitimate body, a registration, is under 2 KB).
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// The operator's import of existing accounts (up to `Operators:MaxImportAccounts` records per request).
    public long MaxImportBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// HSTS max-age outside Development.
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);
}

/// Marks an endpoint whose body may be up to `Http:MaxImportBodyBytes`.
public sealed class LargeBodyAllowed;
