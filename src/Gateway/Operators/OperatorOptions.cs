namespace SecureAccess.Gateway.Operators;

/// API.md "Help desk and operators": keys and their roles from configuration,
/// `Operators:Keys:N:Key` and `Operators:Keys:N:Roles` (comma-separated), optionally `…:Name`
/// (what the audit trail shows as the actor; never the key).
public sealed class OperatorOptions
{
    public const string Section = "Operators";
    public const int MinimumKeyLength = 32;

    public List<OperatorKeyOptions> Keys { get; set; } = [];

    /// How many accounts one import request may carry.
    public int MaxImportAccounts { get; set; } = 10_000;
}

public sealed class OperatorKeyOptions
{
    public string Key { get; set; } = "";
    public string Roles { get; set; } = "";
    public string? Name { get; set; }
}

public static class OperatorRoles
{
    /// Imports existing accounts, prints letters, reads the audit trail.
    public const string Operator = "operator";

    /// The help desk: user view, exception process (SA-19), in-person verification (SA-20).
    public const string Assistor = "assistor";

    public static readonly IReadOnlyList<string> All = [Operator, Assistor];
}
