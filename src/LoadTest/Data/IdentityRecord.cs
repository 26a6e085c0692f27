namespace SecureAccess.LoadTest.Data;

/// One record of the identity verifier's reference data (shared/fixtures/README.md, SA-4): the tool
/// reads the same file the dev server ships so the identities it submits verify.
public sealed record IdentityRecord
{
    public string Ssn { get; init; } = "";

    public string FirstName { get; init; } = "";

    public string LastName { get; init; } = "";

    public string DateOfBirth { get; init; } = "";

    public string FilingStatus { get; init; } = "";

    public IdentityAddress Address { get; init; } = new();

    public bool CreditFreeze { get; init; }

    public IReadOnlyList<FinancialAccountRecord> FinancialAccounts { get; init; } = [];

    /// SA-7: the numbers carrier records tie to the person; SMS activation works only with one of
    /// them. Null for a file from before the field existed (the tool then uses its phone plan).
    public IReadOnlyList<string>? MobilePhones { get; init; }

    /// The first account that should verify (SA-4c: a credit card only if personal and not AmEx),
    /// or null when the record can only fail: a credit freeze (SA-4b) or no acceptable account.
    public FinancialAccountRecord? VerifiableAccount()
    {
        if (CreditFreeze || string.IsNullOrWhiteSpace(Ssn))
        {
            return null;
        }

        return FinancialAccounts.FirstOrDefault(a => a.Type switch
        {
            "credit_card" => string.Equals(a.Kind, "personal", StringComparison.OrdinalIgnoreCase) &&
                             !string.Equals(a.Network, "amex", StringComparison.OrdinalIgnoreCase),
            "" => false,
            _ => !string.IsNullOrWhiteSpace(a.Number),
        });
    }
}

public sealed record IdentityAddress
{
    public string Line1 { get; init; } = "";

    public string? Line2 { get; init; }

    public string City { get; init; } = "";

    public string State { get; init; } = "";

    public string Zip { get; init; } = "";
}

public sealed record FinancialAccountRecord
{
    public string Type { get; init; } = "";

    public string Number { get; init; } = "";

    public string? Network { get; init; }

    public string? Kind { get; init; }
}
