using SecureAccess.LoadTest.Api;
using SecureAccess.LoadTest.Load;

namespace SecureAccess.LoadTest.Flows;

/// Reads one-time codes from the development outbox (API.md), as a user reads their phone or mail.
internal sealed class OutboxReader(ApiClient api, TimeSpan timeout)
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
            var response = await context.SendAsync(step, ct => api.GetOutboxAsync(to, ct), Expect.Status(200).Or(404)).ConfigureAwait(false);
            if (response.Status == 404)
            {
                throw context.Fail(step, "GET /api/v1/dev/outbox answered 404: start the service with the `outbox` messaging provider (development default).");
            }

            var newest = ApiClient.ParseOutbox(response, channel).LastOrDefault();
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
}
