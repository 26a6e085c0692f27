using SecureAccess.Registration;

namespace SecureAccess.Letters;

[GenerateSerializer]
public sealed class LetterQueueState
{
    [Id(0)] public Dictionary<Guid, QueuedLetter> Pending { get; set; } = [];
}

[GenerateSerializer]
public sealed class QueuedLetter
{
    [Id(0)] public string Username { get; set; } = "";
    [Id(1)] public PostalAddress? Address { get; set; }
    /// The code, sealed with SecretBox until the letter is printed; dropped once mailed.
    [Id(2)] public string SealedCode { get; set; } = "";
    [Id(3)] public DateOnly ExpectedBy { get; set; }
    [Id(4)] public DateTimeOffset QueuedAt { get; set; }
}
