namespace SecureAccess.Gateway.Problems;

/// The problem `code`s an endpoint may answer with. OutcomeMapping gives each its status; the OpenAPI
/// document lists them per status (ProblemResponses). Filters that refuse on their own (validation,
/// bearer token, operator key, per-source limits) add theirs, so an endpoint names only its domain outcomes.
public sealed record ProblemCodesMetadata(IReadOnlyList<string> Codes);

public static class ProblemCodes
{
    public static TBuilder Fails<TBuilder>(this TBuilder builder, params string[] codes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProblemCodesMetadata(codes));
}
