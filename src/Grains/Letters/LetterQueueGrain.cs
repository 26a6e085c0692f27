using System.Text;
using SecureAccess.Security;

namespace SecureAccess.Letters;

public sealed class LetterQueueGrain(
    [PersistentState("letters", StorageNames.Default)] IPersistentState<LetterQueueState> state,
    SecretBox secrets,
    TimeProvider clock)
    : Grain, ILetterQueueGrain
{
    private const string Purpose = "letter-code";

    public async Task Enqueue(PendingLetter letter)
    {
        state.State.Pending[letter.LetterId] = new QueuedLetter
        {
            Username = letter.Username,
            Address = letter.Address,
            SealedCode = secrets.Seal(Purpose, Encoding.UTF8.GetBytes(letter.Code)),
            ExpectedBy = letter.ExpectedBy,
            QueuedAt = clock.GetUtcNow(),
        };
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<PendingLetter>> Pending() => Task.FromResult<IReadOnlyList<PendingLetter>>(
        state.State.Pending.OrderBy(p => p.Value.QueuedAt)
            .Select(p => new PendingLetter(p.Key, p.Value.Username, p.Value.Address!,
                Encoding.UTF8.GetString(secrets.Open(Purpose, p.Value.SealedCode)), p.Value.ExpectedBy))
            .ToList());

    public async Task<bool> Remove(Guid letterId)
    {
        if (!state.State.Pending.Remove(letterId)) return false;
        await state.WriteStateAsync();
        return true;
    }
}
