using SecureAccess.Registration;

namespace SecureAccess.Identity;

public enum IdentityOutcome
{
    Verified,
    NotVerified,
    /// SA-4b: the applicant must lift the freeze temporarily, then retry.
    CreditFreeze,
    /// SA-4c: American Express, debit and corporate cards are refused.
    CardNotAccepted,
}

/// SA-4: the pluggable check of an applicant against reference records.
public interface IIdentityVerifier
{
    IdentityOutcome Verify(IdentityClaim claim);

    /// The address of record (last-filed return) for an SSN, where the activation letter of an
    /// account made by the help desk goes (SA-19); null when the records do not know the SSN.
    PostalAddress? AddressOfRecord(string ssn) => null;
}
