using SecureAccess.Common;

namespace SecureAccess.Transcripts;

/// SA-21: the client authorizations (Form 8821 or 2848) of one tax professional for one client,
/// keyed by `ClientAuthorizationKeys.For(professional, clientSsnHash)` so a transcript request is
/// checked with this one call. The client's SSN is only in the key as its HMAC (SA-4d).
public interface IClientAuthorizationGrain : IGrainWithStringKey
{
    Task<Result<Done>> Record(ClientAuthorization authorization);
    Task<Result<Done>> Revoke(Guid authorizationId);

    /// True when an authorization of this pair is unrevoked and not yet past its expiry.
    Task<bool> IsAuthorized();
}

/// Where an authorization id leads (DELETE takes only the id): the key of its pair grain.
public interface IClientAuthorizationRefGrain : IGrainWithGuidKey
{
    Task<Result<Done>> Point(string pairKey);
    Task<string?> GetPairKey();

    /// Revokes the authorization with this id (404 when there is none); audited under the professional.
    Task<Result<Done>> Revoke();
}

public static class ClientAuthorizationKeys
{
    /// The hash (fixed-length hex) comes first, so a legacy username holding any character still splits off.
    public static string For(string professionalUsername, string clientSsnHash) => $"{clientSsnHash}|{professionalUsername}";

    public static string ProfessionalOf(string pairKey) => pairKey[(pairKey.IndexOf('|') + 1)..];
}

public static class ClientAuthorizationForms
{
    public const string Form8821 = "8821";
    public const string Form2848 = "2848";
    public static readonly IReadOnlyList<string> All = [Form8821, Form2848];
}

/// One recorded authorization. `ExpiresOn` is the last day it holds (UTC).
[GenerateSerializer, Immutable]
public sealed record ClientAuthorization(
    [property: Id(0)] Guid AuthorizationId,
    [property: Id(1)] string ClientSsnLast4,
    [property: Id(2)] string Form,
    [property: Id(3)] DateOnly ExpiresOn);

/// `POST /api/v1/admin/client-authorizations` as the grains take it. Holds the client's SSN: it lives
/// only for the call and is never stored or printed.
[GenerateSerializer, Immutable]
public sealed record ClientAuthorizationRequest(
    [property: Id(0)] string ProfessionalUsername,
    [property: Id(1)] string ClientSsn,
    [property: Id(2)] string Form,
    [property: Id(3)] DateOnly ExpiresOn)
{
    public override string ToString() => $"ClientAuthorizationRequest {{ Professional = {ProfessionalUsername}, Form = {Form}, ClientSsn = *** }}";
}

/// `POST /api/v1/products/tds/transcript-requests` from a professional's session.
[GenerateSerializer, Immutable]
public sealed record TranscriptRequest(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] string ClientSsn,
    [property: Id(2)] int TaxYear)
{
    public override string ToString() => $"TranscriptRequest {{ TaxYear = {TaxYear}, ClientSsn = *** }}";
}

[GenerateSerializer, Immutable]
public sealed record TranscriptRequestAccepted([property: Id(0)] Guid RequestId);
