namespace SecureAccess.Recovery;

[GenerateSerializer]
public sealed class EmailIndexState
{
    [Id(0)] public List<string> Usernames { get; set; } = [];
}
