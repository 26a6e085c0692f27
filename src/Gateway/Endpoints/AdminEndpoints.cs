using Microsoft.Extensions.Options;
using SecureAccess.Audit;
using SecureAccess.Gateway.Hosting;
using SecureAccess.Gateway.Operators;
using SecureAccess.Gateway.Problems;
using SecureAccess.Gateway.Requests;
using SecureAccess.Import;

namespace SecureAccess.Gateway.Endpoints;

/// API.md "Help desk and operators", role `operator`: the import of existing accounts (SA-17,
/// SA-18) and the audit trail. There is no unlock (SA-10).
public static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin").WithTags("Operators");

        group.MapPost("/existing-accounts", async (ImportRequest body, IClusterClient cluster, IOptions<OperatorOptions> options) =>
        {
            if (body.Accounts!.Count > options.Value.MaxImportAccounts)
                return ProblemResult.InvalidRequest("accounts", $"At most {options.Value.MaxImportAccounts} accounts per request; split the file.");
            var (records, unreadable) = body.Read();
            var report = await cluster.GetGrain<IAccountImportGrain>(0).Import(new ImportBatch([.. records.Select(r => r.Record)]));
            var rejected = unreadable
                .Concat(report.Rejected.Select(r => r with { Index = records[r.Index].Index }))
                .OrderBy(r => r.Index)
                .Select(r => new { index = r.Index, username = r.Username, reason = r.Reason });
            return Results.Ok(new { imported = report.Imported, skipped = report.Skipped, merged = report.Merged, rejected });
        }).Validated<ImportRequest>().RequireOperator(OperatorRoles.Operator).WithMetadata(new LargeBodyAllowed());

        // SA-21: products for any user, new employees included (issue 14). The body of PUT is `{}` and ignored.
        group.MapPut("/users/{username}/products/{product}", async (string username, string product, IClusterClient cluster) =>
            (await cluster.GetGrain<Users.IUserAdministration>(Users.UsernamePolicy.Normalize(username)).GrantProduct(product)).ToHttp(_ => Results.NoContent()))
            .RequireOperator(OperatorRoles.Operator);
        group.MapDelete("/users/{username}/products/{product}", async (string username, string product, IClusterClient cluster) =>
            (await cluster.GetGrain<Users.IUserAdministration>(Users.UsernamePolicy.Normalize(username)).RevokeProduct(product)).ToHttp(_ => Results.NoContent()))
            .RequireOperator(OperatorRoles.Operator);

        // SA-21 (issue 14): client authorizations for Transcript Delivery.
        group.MapPost("/client-authorizations", async (ClientAuthorizationBody body, IClusterClient cluster) =>
            (await cluster.GetGrain<Users.IUserAdministration>(Users.UsernamePolicy.Normalize(body.ProfessionalUsername!))
                .RecordClientAuthorization(new Transcripts.ClientAuthorizationRequest(Users.UsernamePolicy.Normalize(body.ProfessionalUsername!), body.ClientSsn!, body.Form!, body.ExpiresOn!.Value)))
                .ToHttp(id => Results.Created((string?)null, new { authorizationId = id })))
            .Validated<ClientAuthorizationBody>().RequireOperator(OperatorRoles.Operator);
        group.MapDelete("/client-authorizations/{authorizationId:guid}", async (Guid authorizationId, IClusterClient cluster) =>
            (await cluster.GetGrain<Transcripts.IClientAuthorizationRefGrain>(authorizationId).Revoke()).ToHttp(_ => Results.NoContent()))
            .RequireOperator(OperatorRoles.Operator);

        group.MapGet("/audit", async (string? username, Guid? registrationId, IClusterClient cluster) =>
        {
            if (string.IsNullOrWhiteSpace(username) && registrationId is null)
                return ProblemResult.InvalidRequest("username", "Required: the username whose audit trail to read (or registrationId).");
            var subject = registrationId is { } id ? AuditContext.RegistrationSubject(id) : AuditTrail.Subject(username!);
            var events = await cluster.GetGrain<IAuditLogGrain>(subject).List();
            return Results.Ok(events.Select(e => new { at = e.At, @event = e.Event, username = e.Username, source = e.Source, detail = e.Detail, actor = e.Actor }));
        }).RequireOperator(OperatorRoles.Operator);
    }
}
