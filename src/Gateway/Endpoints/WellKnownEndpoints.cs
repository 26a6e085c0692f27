using SecureAccess.Gateway.Tokens;

namespace SecureAccess.Gateway.Endpoints;

/// API.md "Tokens": the public keys e-Services products verify access tokens with.
public static class WellKnownEndpoints
{
    public static void MapWellKnownEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/.well-known/jwks.json", async (TokenService tokens) => TypedResults.Ok(await tokens.Jwks()))
            .WithTags("Tokens").WithName("GetJsonWebKeySet").WithSummary("The public keys that verify access tokens (JWKS)");
}
