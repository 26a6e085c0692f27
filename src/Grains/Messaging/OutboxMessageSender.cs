using SecureAccess.Common;
namespace SecureAccess.Messaging;

/// Development messaging: every message lands in the recipient's outbox grain, readable by any gateway.
public sealed class OutboxMessageSender(IGrainFactory grains, TimeProvider clock) : IMessageSender
{
    public Task Send(OutgoingMessage message) =>
        grains.GetGrain<IOutboxGrain>(GrainKeys.Recipient(message.To))
              .Add(new OutboxMessage(message.Channel, message.To, message.Subject, message.Body, message.Code, clock.GetUtcNow()));

}
