using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SecureAccess.Audit;
using SecureAccess.Common;
using SecureAccess.Gateway.Hosting;
using SecureAccess.Gateway.Operators;
using SecureAccess.Gateway.Problems;
using SecureAccess.Gateway.Requests;
using SecureAccess.Gateway.Responses;
using SecureAccess.Import;

namespace SecureAccess.Gateway.Endpoints;

/// API.md "Help desk and operators", role `operator`: the import of existing accounts (SA-17,
/// SA-18) and the audit trail. There is no unlock (SA-10).
public static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin").WithTags("Operators");

        group.MapPost("/existing-accounts", async Task<Results<Ok<ImportResponse>, ProblemResult>> (ImportRequest body, IClusterClient cluster, IOptions<OperatorOptions> options) =>
        {
            if (body.Accounts!.Count > options.Value.MaxImportAccounts)
                return Failure.Invalid("accounts", $"At most {options.Value.MaxImportAccounts} accounts per request; split the file.").ToProblem();
            var (records, unreadable) = body.Read();
            var report = await cluster.GetGrain<IAccountImportGrain>(0).Import(new ImportBatch([.. records.Select(r => r.Record)]));
            var rejected = unreadable
                .Concat(report.Rejected.Select(r => r with { Index = records[r.Index].Index }))
                .OrderBy(r => r.Index)
                .Select(r => new ImportRejectionResponse(r.Index, r.Username, r.Reason));
            return TypedResults.Ok(new ImportResponse(report.Imported, report.Skipped, report.Merged, [.. rejected]));
        }).Validated<ImportRequest>().RequireOperator(OperatorRoles.Operator).WithMetadata(new LargeBodyAllowed()).WithName("ImportExistingAccounts").WithSummary("Import existing e-Services accounts (SA-17, SA-18)");

        // SA-21: products for any user, new employees included (issue 14). The body of PUT is `{}` and ignored.
        group.MapPut("/users/{username}/products/{product}", async (string username, string product, IClusterClient cluster) =>
            (await cluster.GetGrain<Users.IUserAdministration>(GrainKeys.Username(username)).GrantProduct(product)).ToHttp(_ => TypedResults.NoContent()))
            .RequireOperator(OperatorRoles.Operator).WithName("GrantProduct").WithSummary("Grant a product to a user (SA-21)").Fails(ErrorCodes.NotFound, ErrorCodes.InvalidRequest);
        group.MapDelete("/users/{username}/products/{product}", async (string username, string product, IClusterClient cluster) =>
            (await cluster.GetGrain<Users.IUserAdministration>(GrainKeys.Username(username)).RevokeProduct(product)).ToHttp(_ => TypedResults.NoContent()))
            .RequireOperator(OperatorRoles.Operator).WithName("RevokeProduct").WithSummary("Revoke a product from a user (SA-21)").Fails(ErrorCodes.NotFound, ErrorCodes.InvalidRequest);

        // SA-21 (issue 14): client authorizations for Transcript Delivery.
        group.MapPost("/client-authorizations", async (ClientAuthorizationBody body, IClusterClient cluster) =>
            (await cluster.GetGrain<Users.IUserAdministration>(GrainKeys.Username(body.ProfessionalUsername!))
                .RecordClientAuthorization(new Transcripts.ClientAuthorizationRequest(GrainKeys.Username(body.ProfessionalUsername!), body.ClientSsn!, body.Form!, body.ExpiresOn!.Value)))
                .ToHttp(id => TypedResults.Created((string?)null, new ClientAuthorizationResponse(id))))
            .Validated<ClientAuthorizationBody>().RequireOperator(OperatorRoles.Operator).WithName("RecordClientAuthorization").WithSummary("Record a client authorization (Form 8821 or 2848, SA-21)")
            .Fails(ErrorCodes.NotFound, ErrorCodes.Forbidden);
        group.MapDelete("/client-authorizations/{authorizationId:guid}", async (Guid authorizationId, IClusterClient cluster) =>
            (await cluster.GetGrain<Transcripts.IClientAuthorizationRefGrain>(authorizationId).Revoke()).ToHttp(_ => TypedResults.NoContent()))
            .RequireOperator(OperatorRoles.Operator).WithName("RevokeClientAuthorization").WithSummary("Revoke a client authorization").Fails(ErrorCodes.NotFound);

        group.MapGet("/audit", async Task<Results<Ok<AuditEventResponse[]>, ProblemResult>> (string? username, Guid? registrationId, IClusterClient cluster) =>
        {
            if (string.IsNullOrWhiteSpace(username) && registrationId is null)
                return Failure.Invalid("username", "Required: the username whose audit trail to read (or registrationId).").ToProblem();
            var subject = registrationId is { } id ? AuditContext.RegistrationSubject(id) : GrainKeys.Username(username!);
            var events = await cluster.GetGrain<IAuditLogGrain>(subject).List();
            return TypedResults.Ok(events.Select(e => new AuditEventResponse(e.At, e.Event, e.Username, e.Source, e.Detail, e.Actor)).ToArray());
        }).RequireOperator(OperatorRoles.Operator).WithName("ReadAuditTrail").WithSummary("Read a user's or a registration's audit trail").Fails(ErrorCodes.InvalidRequest);
    }
}
