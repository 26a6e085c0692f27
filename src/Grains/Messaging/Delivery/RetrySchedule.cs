namespace SecureAccess.Messaging.Delivery;

/// When the next background attempt runs: doubling from FirstRetryDelay up to MaxRetryDelay, with up to
/// ±25 % jitter so that messages held up by one outage do not all return in the same second.
public static class RetrySchedule
{
    public static TimeSpan After(int failedAttempts, DeliveryOptions options, double jitter01)
    {
        var doubling = Math.Min(Math.Max(failedAttempts - 1, 0), 20);
        var delay = Math.Min(options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, doubling), options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(delay * (0.75 + 0.5 * Math.Clamp(jitter01, 0, 1)));
    }
}
