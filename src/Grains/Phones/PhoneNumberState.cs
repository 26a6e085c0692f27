namespace SecureAccess.Phones;

[GenerateSerializer]
public sealed class PhoneNumberState
{
    [Id(0)] public string? Owner { get; set; }
}
