namespace SecureAccess.LoadTest.Load;

public enum IterationOutcome
{
    Completed,

    /// Nothing was sent: the run ended while the iteration waited for a free user.
    Skipped,

    /// The scenario has no more work (identity records or attack targets used up): the run stops.
    Exhausted,
}
