using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using SecureAccess.Messaging.Delivery;
using SecureAccess.Messaging.Email;
using SecureAccess.Messaging.Sms;

namespace SecureAccess.Messaging;

public static class MessagingServices
{
    /// Email and SMS as configured (`Messaging:Email:*`, `Messaging:Sms:*`), the development outbox,
    /// and the background delivery that retries through a provider's short outage.
    public static IServiceCollection AddSecureAccessMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MessagingOptions>(configuration.GetSection(MessagingOptions.Section));
        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.Section));
        services.Configure<SmsOptions>(configuration.GetSection(SmsOptions.Section));
        services.Configure<DeliveryOptions>(configuration.GetSection(DeliveryOptions.Section));

        services.AddMetrics();
        services.TryAddSingleton<DeliveryMetrics>();
        services.TryAddSingleton<OutboxMessageSender>();
        services.TryAddKeyedSingleton<IMessageTransport, SmtpEmailTransport>(Channels.Email);
        services.TryAddKeyedSingleton<IMessageTransport, TwilioSmsTransport>(Channels.Sms);
        services.TryAddSingleton<MessageTransports>();
        services.TryAddSingleton<IMessageSender, RoutingMessageSender>();

        // No HTTP logging on this client: the request URI names the account and the Authorization
        // header carries the token (issue 10: no secret in any log, at any level).
        services.AddHttpClient(TwilioSmsTransport.ClientName)
            .RemoveAllLoggers()
            .AddStandardResilienceHandler(TwilioResilience);
        return services;
    }

    /// Rides out a blip of a few seconds inside one attempt; anything longer is the delivery grain's
    /// job (minutes of background retries), so the breaker opens quickly instead of piling up calls.
    private static void TwilioResilience(HttpStandardResilienceOptions o)
    {
        o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(5);
        o.Retry.MaxRetryAttempts = 3;
        o.Retry.Delay = TimeSpan.FromMilliseconds(200);
        o.Retry.UseJitter = true;
        o.Retry.BackoffType = Polly.DelayBackoffType.Exponential;
        o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
        o.CircuitBreaker.MinimumThroughput = 10;
        o.CircuitBreaker.FailureRatio = 0.5;
        o.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(5);
        o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(20);
    }
}
