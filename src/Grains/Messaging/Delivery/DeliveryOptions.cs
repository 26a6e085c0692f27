namespace SecureAccess.Messaging.Delivery;

/// `Messaging:Delivery` — the background retries that keep a short provider outage from losing a code.
public sealed class DeliveryOptions
{
    public const string Section = "Messaging:Delivery";

    /// The first background retry after a failed attempt; each next one waits twice as long (with jitter).
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// The longest wait between two background attempts.
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// The reminder that resumes a delivery whose silo died (Orleans reminders tick at most once a minute).
    public TimeSpan BackstopPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// How long a message without a code of its own (a notice, a username reminder) is retried.
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromHours(1);
}
