namespace SecureAccess.Devices;

[GenerateSerializer]
public sealed class DeviceState
{
    [Id(0)] public string? Owner { get; set; }
}
