namespace SecureAccess.Throttling;

/// Failed identity checks per SSN across every registration (issue 11), keyed by the SSN's keyed
/// HMAC (SA-4d), never the SSN. Past the limit the SSN is refused for a cool-down.
public interface ISsnFailureGrain : IGrainWithStringKey
{
    /// True while the SSN is cooling down.
    Task<bool> CoolingDown();

    /// Counts one failed check; true when this failure started a cool-down.
    Task<bool> RecordFailure();
}

/// Messages to one address or number (issue 11: email/SMS bombing), keyed by the normalized recipient.
public interface IRecipientLimitGrain : IGrainWithStringKey
{
    /// True when one more message may go to this recipient now (and counts it).
    Task<bool> Admit();
}
