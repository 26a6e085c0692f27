using Microsoft.Extensions.Options;
using SecureAccess.Messaging.Delivery;
using SecureAccess.Messaging.Email;
using SecureAccess.Messaging.Sms;

namespace SecureAccess.Messaging;

/// The IMessageSender the grains use. Each channel goes where configuration says: the development
/// outbox, or a delivery grain that sends through the real provider in the background and retries
/// until the message's code expires. Letters stay in the print batch (SA-7, LetterQueueGrain); they
/// are copied to the outbox only while a channel uses it (dev mode), so a developer can read them.
public sealed class RoutingMessageSender(
    IGrainFactory grains,
    OutboxMessageSender outbox,
    IOptions<EmailOptions> email,
    IOptions<SmsOptions> sms,
    IOptions<DeliveryOptions> delivery,
    DeliveryMetrics metrics,
    TimeProvider clock) : IMessageSender
{
    public async Task Send(OutgoingMessage message)
    {
        var viaOutbox = message.Channel switch
        {
            Channels.Email => email.Value.UsesOutbox,
            Channels.Sms => sms.Value.UsesOutbox,
            _ => email.Value.UsesOutbox || sms.Value.UsesOutbox,
        };
        if (viaOutbox)
        {
            await outbox.Send(message);
            metrics.Sent(message.Channel, MessagingProviders.Outbox);
            return;
        }
        if (message.Channel == Channels.Letter) return;

        var now = clock.GetUtcNow();
        await grains.GetGrain<IMessageDeliveryGrain>(Guid.NewGuid()).Deliver(new DeliveryRequest(
            message.Channel, message.To, message.Subject, message.Body, message.AuditSubject,
            now, now + (message.ValidFor ?? delivery.Value.DefaultLifetime)));
    }
}
