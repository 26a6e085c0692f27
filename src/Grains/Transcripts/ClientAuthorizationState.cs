namespace SecureAccess.Transcripts;

[GenerateSerializer]
public sealed class ClientAuthorizationState
{
    [Id(0)] public List<StoredClientAuthorization> Authorizations { get; set; } = [];
}

/// One authorization of the pair; of the client's SSN only its last 4 (SA-4d). Revoked ones are kept for the record.
[GenerateSerializer]
public sealed class StoredClientAuthorization
{
    [Id(0)] public Guid AuthorizationId { get; set; }
    [Id(1)] public string ClientSsnLast4 { get; set; } = "";
    [Id(2)] public string Form { get; set; } = "";
    [Id(3)] public DateOnly ExpiresOn { get; set; }
    [Id(4)] public DateTimeOffset RecordedAt { get; set; }
    [Id(5)] public DateTimeOffset? RevokedAt { get; set; }
}

[GenerateSerializer]
public sealed class ClientAuthorizationRefState
{
    [Id(0)] public string PairKey { get; set; } = "";
}
