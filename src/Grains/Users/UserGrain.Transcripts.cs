using SecureAccess.Audit;
using SecureAccess.Common;
using SecureAccess.Import;
using SecureAccess.Security;
using SecureAccess.Transcripts;

namespace SecureAccess.Users;

/// SA-21: Transcript Delivery for a client needs a recorded, unexpired client authorization of this
/// professional for that client. The client's SSN becomes its HMAC (SA-4d) here and goes no further.
public sealed partial class UserGrain
{
    public async Task<Result<Guid>> RecordClientAuthorization(ClientAuthorizationRequest request)
    {
        if (User.Status is not (UserStatus.Active or UserStatus.Pending or UserStatus.Imported)) return Failure.NotFound("user");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (request.ExpiresOn < today) return Failure.Invalid("expiresOn", "The authorization would already be expired.");

        var id = Guid.NewGuid();
        var pairKey = ClientAuthorizationKeys.For(Username, ssnHasher.Hash(request.ClientSsn));
        var last4 = SsnHasher.Last4(request.ClientSsn);
        // The index first: an authorization is never left without its way to be revoked.
        var pointed = await GrainFactory.GetGrain<IClientAuthorizationRefGrain>(id).Point(pairKey);
        if (!pointed.Succeeded) return pointed.Failure!;
        var recorded = await GrainFactory.GetGrain<IClientAuthorizationGrain>(pairKey).Record(new ClientAuthorization(id, last4, request.Form, request.ExpiresOn));
        if (!recorded.Succeeded) return recorded.Failure!;
        await audit.Record(Username, AuditEvents.ClientAuthorizationRecorded,
            $"client authorization {id} recorded: Form {request.Form} for the client with SSN ending {last4}, through {request.ExpiresOn:yyyy-MM-dd} (SA-21)");
        return id;
    }

    public async Task<Result<TranscriptRequestAccepted>> RequestTranscript(TranscriptRequest request)
    {
        if (FullSessionRefusal(request.SessionId) is { } refused) return refused;
        var last4 = SsnHasher.Last4(request.ClientSsn);
        if (!User.Products.Contains(EServicesProducts.TranscriptDelivery))
        {
            await audit.Record(Username, AuditEvents.ProductAccessRefused, "session refused for tds");
            return new Failure(ErrorCodes.Forbidden, "This account may not use tds: it needs a registered Secure Access account that holds the product (SA-21).");
        }
        if (request.TaxYear > clock.GetUtcNow().Year) return Failure.Invalid("taxYear", "A tax year that has not begun has no transcript.");

        // One call decides: the grain of this professional and this client.
        var pairKey = ClientAuthorizationKeys.For(Username, ssnHasher.Hash(request.ClientSsn));
        if (!await GrainFactory.GetGrain<IClientAuthorizationGrain>(pairKey).IsAuthorized())
        {
            await audit.Record(Username, AuditEvents.TranscriptRefused, $"transcript for the client with SSN ending {last4}, tax year {request.TaxYear}, refused: no unexpired client authorization (SA-21)");
            return new Failure(ErrorCodes.ClientNotAuthorized, "There is no unexpired client authorization (Form 8821 or 2848) of yours for this client.");
        }

        var requestId = Guid.NewGuid();
        await audit.Record(Username, AuditEvents.TranscriptRequested, $"transcript request {requestId} for the client with SSN ending {last4}, tax year {request.TaxYear} (SA-21)");
        return new TranscriptRequestAccepted(requestId);
    }
}
