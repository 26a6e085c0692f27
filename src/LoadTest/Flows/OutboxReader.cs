using SecureAccess.Client;
using SecureAccess.LoadTest.Api;
using SecureAccess.LoadTest.Load;

namespace SecureAccess.LoadTest.Flows;

/// Reads one-time codes from the development outbox (API.md), as a user reads their phone or mail.
internal sealed class OutboxReader(SecureAccessClient api, TimeSpan timeout)
{
    /// The newest <paramref name="channel"/> message to <paramref name="to"/> that is not
    /// <paramref name="previous"/> (the one already used). Polls briefly: a provider may record the
    /// message a moment after the API answered.
    public async Task<OutboxMessage> WaitForNewAsync(IterationContext context, string step, string to, string channel, OutboxMessage? previous)
    {
        var started = DateTimeOffset.UtcNow;
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var response = await context.CallAsync(step, ct => api.ReadDevelopmentOutboxAsync(to, ct), Expect.Status(200).Or(404)).ConfigureAwait(false);
            if (response.Status == 404)
            {
                throw context.Fail(step, "GET /api/v1/dev/outbox answered 404: start the service with the `outbox` messaging provider (development default).");
            }

            var newest = Newest(response.Body, channel);
            if (newest is not null && newest != previous && !string.IsNullOrEmpty(newest.Code))
            {
                return newest;
            }

            if (DateTimeOffset.UtcNow - started >= timeout)
            {
                throw context.Fail(step, $"no new {channel} message with a code for {to} in the outbox after {timeout.TotalSeconds:0.#}s");
            }

            await Task.Delay(delay, context.CancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
        }
    }

    /// The newest entry of one channel (the server keeps them oldest first).
    private static OutboxMessage? Newest(IEnumerable<OutboxMessageResponse>? messages, string channel)
    {
        var newest = messages?.LastOrDefault(m => string.Equals(m.Channel, channel, StringComparison.OrdinalIgnoreCase));
        return newest is null
            ? null
            : new OutboxMessage(newest.Channel, newest.To ?? "", newest.Code, newest.SentAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture), newest.Body);
    }
}
