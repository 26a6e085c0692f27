using SecureAccess.LoadTest.Data;

namespace SecureAccess.LoadTest.Reporting;

/// `--out results.json`: the report as camelCase JSON (users and passwords left out).
public static class JsonReport
{
    public static Task WriteAsync(RunReport report, string path, CancellationToken ct) => JsonFiles.WriteAsync(path, report, ct);
}
