using SecureAccess.Registration;

namespace SecureAccess.Identity;

/// One reference record (fixtures/README.md "Identity records").
public sealed record IdentityRecord(
    string Ssn,
    string FirstName,
    string LastName,
    DateOnly DateOfBirth,
    string FilingStatus,
    PostalAddress Address,
    bool CreditFreeze,
    IReadOnlyList<ReferenceAccount> FinancialAccounts,
    IReadOnlyList<string>? MobilePhones = null);

public sealed record ReferenceAccount(string Type, string Number, string? Network = null, string? Kind = null);
