using System.Text.Json;
using SecureAccess.Security;

namespace SecureAccess.Identity;

/// Recognises the shipped synthetic identity records (identity-records.synthetic.json) in any file
/// an operator configures: a file that holds even one of the shipped SSNs is (a piece of) the sample
/// set, however it was copied, trimmed or reformatted. The shipped SSNs are 900-xx-xxxx (a range never
/// issued) plus the five published sample people, so a real record set never shares one by chance.
public static class SyntheticIdentityRecords
{
    public static string ShippedPath => Path.Combine(AppContext.BaseDirectory, IdentityRecordsOptions.ShippedFile);

    public static bool Shares(string configuredPath)
    {
        var configured = Path.GetFullPath(configuredPath);
        if (string.Equals(configured, Path.GetFullPath(ShippedPath), StringComparison.Ordinal)) return true;
        if (string.Equals(Path.GetFileName(configured), IdentityRecordsOptions.ShippedFile, StringComparison.OrdinalIgnoreCase)) return true;
        if (!File.Exists(ShippedPath)) return false;
        var shipped = Ssns(ShippedPath);
        return Ssns(configured).Overlaps(shipped);
    }

    private static HashSet<string> Ssns(string path)
    {
        var ssns = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            if (json.RootElement.ValueKind != JsonValueKind.Array) return ssns;
            foreach (var record in json.RootElement.EnumerateArray())
                if (record.ValueKind == JsonValueKind.Object && record.TryGetProperty("ssn", out var ssn) && ssn.ValueKind == JsonValueKind.String)
                    ssns.Add(SsnHasher.Digits(ssn.GetString()!));
        }
        catch (JsonException)
        {
            // Not records at all; FileIdentityVerifier says so when it loads the file.
        }
        return ssns;
    }
}
