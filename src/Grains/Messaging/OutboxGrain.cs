using Microsoft.Extensions.Options;

namespace SecureAccess.Messaging;

/// Kept in memory on purpose: the outbox holds live codes, which must never reach grain storage.
[CollectionAgeLimit(Minutes = 60)]
public sealed class OutboxGrain(IOptions<MessagingOptions> options) : Grain, IOutboxGrain
{
    private readonly Queue<OutboxMessage> _messages = new();

    public Task Add(OutboxMessage message)
    {
        _messages.Enqueue(message);
        while (_messages.Count > options.Value.OutboxCapacityPerRecipient) _messages.Dequeue();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OutboxMessage>> List() => Task.FromResult<IReadOnlyList<OutboxMessage>>(_messages.ToArray());
}
