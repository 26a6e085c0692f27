using Microsoft.AspNetCore.Http.HttpResults;
using SecureAccess.Common;
using SecureAccess.Gateway.Operators;
using SecureAccess.Gateway.Problems;
using SecureAccess.Gateway.Responses;
using SecureAccess.Gateway.Tokens;

namespace SecureAccess.Gateway.Endpoints;

/// API.md "Help desk and operators": an operator rotates the token-signing keys (issue 10). The
/// cluster's key-set grain records it in the audit trail (subject `system/signing-keys`).
public static class SigningKeyEndpoints
{
    public static void MapSigningKeyEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/admin/signing-keys/rotate", async Task<Results<Accepted<SigningKeysRotatedResponse>, ProblemResult>> (SigningKeys keys) =>
        {
            if (keys.IsStatic)
                return new Failure(ErrorCodes.WrongStep,
                    "Tokens:SigningKeyPem is set: this gateway signs with that one key, which is rotated by replacing it in configuration.").ToProblem();
            var ring = await keys.Rotate();
            return TypedResults.Accepted((string?)null, new SigningKeysRotatedResponse(ring.CurrentKid, ring.NextKid));
        }).WithTags("Operators").RequireOperator(OperatorRoles.Operator).WithName("RotateSigningKeys").WithSummary("Rotate the token-signing keys").Fails(ErrorCodes.WrongStep);
}
