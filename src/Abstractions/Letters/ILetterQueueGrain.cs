namespace SecureAccess.Letters;

/// A letter waiting to be printed and mailed (API.md "Help desk and operators").
[GenerateSerializer, Immutable]
public sealed record PendingLetter(
    [property: Id(0)] Guid LetterId,
    [property: Id(1)] string Username,
    [property: Id(2)] Registration.PostalAddress Address,
    [property: Id(3)] string Code,
    [property: Id(4)] DateOnly ExpectedBy)
{
    public override string ToString() => $"PendingLetter {{ LetterId = {LetterId}, Username = {Username} }}";
}

/// The print batch: letters queued by registrations until an operator marks them mailed. One grain
/// (key 0) is plenty for the letter volume of SA-7; the codes it holds are sealed at rest.
public interface ILetterQueueGrain : IGrainWithIntegerKey
{
    Task Enqueue(PendingLetter letter);
    Task<IReadOnlyList<PendingLetter>> Pending();
    /// Takes a letter off the batch (mailed, or replaced by a newer one); false when it is not there.
    Task<bool> Remove(Guid letterId);
}
