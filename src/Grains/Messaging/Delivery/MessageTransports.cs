using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureAccess.Messaging.Email;
using SecureAccess.Messaging.Sms;

namespace SecureAccess.Messaging.Delivery;

/// The real provider of each channel (`Messaging:Email:Provider`, `Messaging:Sms:Provider`): an
/// IMessageTransport registered under the channel's name as its key.
public sealed class MessageTransports(IServiceProvider services, IOptions<EmailOptions> email, IOptions<SmsOptions> sms)
{
    public (string Provider, IMessageTransport Transport) For(string channel) => channel switch
    {
        Channels.Email => (email.Value.Provider, services.GetRequiredKeyedService<IMessageTransport>(Channels.Email)),
        Channels.Sms => (sms.Value.Provider, services.GetRequiredKeyedService<IMessageTransport>(Channels.Sms)),
        _ => throw new InvalidOperationException($"No provider delivers the '{channel}' channel."),
    };
}
