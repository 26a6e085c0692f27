namespace SecureAccess.Messaging.Sms;

/// `Messaging:Sms` — how SA-6's activation codes, SA-9's security codes and SA-15's phone-change codes
/// reach a phone. Silo and gateway read the same keys.
public sealed class SmsOptions
{
    public const string Section = "Messaging:Sms";

    /// `Twilio` or `Outbox` (default; Development only).
    public string Provider { get; set; } = MessagingProviders.Outbox;

    public TwilioOptions Twilio { get; set; } = new();

    public bool UsesOutbox => MessagingProviders.Is(Provider, MessagingProviders.Outbox);
}

/// `Messaging:Sms:Twilio`: Programmable Messaging's REST API.
public sealed class TwilioOptions
{
    public const string DefaultBaseUrl = "https://api.twilio.com";

    public string AccountSid { get; set; } = "";
    public string AuthToken { get; set; } = "";

    /// The sending number (E.164) or messaging service sender.
    public string From { get; set; } = "";

    /// Twilio's API; tests point it at a local stub.
    public string BaseUrl { get; set; } = DefaultBaseUrl;
}
