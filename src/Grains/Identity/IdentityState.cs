namespace SecureAccess.Identity;

[GenerateSerializer]
public sealed class IdentityState
{
    /// The username this person registered; null until a registration binds it.
    [Id(0)] public string? Username { get; set; }
    /// The latest registration that proved this identity and may bind it.
    [Id(1)] public Guid? PendingRegistrationId { get; set; }
}
