namespace SecureAccess.Ownership;

/// The owner of a thing only one user may hold (SA-5): a phone number, an authenticator device.
[GenerateSerializer]
public sealed class OwnerState
{
    [Id(0)] public string? Owner { get; set; }
}
