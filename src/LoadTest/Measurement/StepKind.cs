namespace SecureAccess.LoadTest.Measurement;

public enum StepKind
{
    /// One HTTP request.
    Request,

    /// A whole multi-request flow (a sign-in, a registration), timed from its intended start.
    Flow,
}
