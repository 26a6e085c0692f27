using SecureAccess.Gateway.Tokens;

namespace SecureAccess.Gateway.Endpoints;

public static class WellKnownEndpoints
{
    public static void MapWellKnownEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/.well-known/jwks.json", (TokenService tokens) => Results.Ok(tokens.Jwks())).WithTags("Tokens");
}
