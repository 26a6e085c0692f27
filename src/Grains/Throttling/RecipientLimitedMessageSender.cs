using SecureAccess.Common;
using SecureAccess.Messaging;

namespace SecureAccess.Throttling;

/// Wraps the messaging port (whatever provider is configured) with the per-recipient limit
/// (issue 11), in the one place every message passes. Past the limit a message is dropped: the
/// caller's answer does not change, so the limit tells nothing about the account; the drop is
/// audited under the recipient and counted on "SecureAccess.Throttling".
public sealed class RecipientLimitedMessageSender(IMessageSender inner, IGrainFactory grains, Audit.IAuditTrail audit) : IMessageSender
{
    public const string DroppedEvent = "message.dropped";

    private static string Recipient(OutgoingMessage message) => GrainKeys.Recipient(message.To);

    public async Task Send(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await grains.GetGrain<IRecipientLimitGrain>(Recipient(message)).Admit())
        {
            await inner.Send(message);
            return;
        }
        ThrottleMetrics.Refuse("messages-per-recipient");
        await audit.Record(Recipient(message), DroppedEvent,
            $"{message.Channel} message \"{message.Subject}\" not sent: the recipient's hourly message limit is reached (issue 11)");
    }

    /// Wraps the IMessageSender registered so far, whichever provider it is.
    public static void Wrap(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IMessageSender));
        if (registered is null) return;
        services.Remove(registered);
        services.Add(new Microsoft.Extensions.DependencyInjection.ServiceDescriptor(typeof(IMessageSender), sp =>
        {
            var inner = (IMessageSender)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(sp)
                ?? Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!));
            return new RecipientLimitedMessageSender(inner,
                Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IGrainFactory>(sp),
                Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Audit.IAuditTrail>(sp));
        }, registered.Lifetime));
    }
}
