using SecureAccess.Gateway.Tokens;

namespace SecureAccess.Gateway.Endpoints;

public static class WellKnownEndpoints
{
    public static void MapWellKnownEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/.well-known/jwks.json", async (TokenService tokens) => Results.Ok(await tokens.Jwks())).WithTags("Tokens");
}
