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

    /// SA-7 / SA-15: is this E.164 number one the carrier records tie to the person with this SSN
    /// hash (SA-4d)? A person the records do not know, or who has no listed number, has none.
    bool IsAssociatedPhone(string ssnHash, string phoneE164) => false;
}
