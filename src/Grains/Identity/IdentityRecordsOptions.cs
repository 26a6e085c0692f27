namespace SecureAccess.Identity;

public sealed class IdentityRecordsOptions
{
    public const string Section = "IdentityRecords";
    public const string ShippedFile = "identity-records.synthetic.json";

    /// A file in the format of fixtures/README.md; by default the synthetic set shipped beside the binaries.
    public string Path { get; set; } = System.IO.Path.Combine(AppContext.BaseDirectory, ShippedFile);
}
