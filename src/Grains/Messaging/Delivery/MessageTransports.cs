using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureAccess.Messaging.Email;
using SecureAccess.Messaging.Sms;

namespace SecureAccess.Messaging.Delivery;

/// The real provider of each channel, as configured (`Messaging:Email:Provider`, `Messaging:Sms:Provider`).
public sealed class MessageTransports(IServiceProvider services, IOptions<EmailOptions> email, IOptions<SmsOptions> sms)
{
    public (string Provider, IMessageTransport Transport) For(string channel) => channel switch
    {
        Channels.Email => (email.Value.Provider, services.GetRequiredService<SmtpEmailTransport>()),
        Channels.Sms => (sms.Value.Provider, services.GetRequiredService<TwilioSmsTransport>()),
        _ => throw new InvalidOperationException($"No provider delivers the '{channel}' channel."),
    };
}
