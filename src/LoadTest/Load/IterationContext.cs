using System.Diagnostics;
using SecureAccess.Client;
using SecureAccess.LoadTest.Api;
using SecureAccess.LoadTest.Measurement;

namespace SecureAccess.LoadTest.Load;

/// One iteration of a scenario: it times each request, checks it against what the step expects,
/// and records the outcome under the step's name.
public sealed class IterationContext
{
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromSeconds(5);
    private const int TooManyRequestsRetries = 3;

    private readonly LatencyRecorder recorder;
    private readonly bool retryTooManyRequests;
    private long pendingStart;

    internal IterationContext(LatencyRecorder recorder, long start, long deadline, bool measured, bool chargeFromStart, bool retryTooManyRequests, CancellationToken ct)
    {
        Deadline = deadline;
        ChargeFromStart = chargeFromStart;
        this.recorder = recorder;
        this.retryTooManyRequests = retryTooManyRequests;
        Start = start;
        Measured = measured;
        CancellationToken = ct;
        // Open loop: the first request is charged from when it should have been sent, so a server
        // that falls behind shows its queueing delay instead of hiding it (coordinated omission).
        pendingStart = chargeFromStart ? start : 0;
    }

    /// Stopwatch timestamp the iteration was meant to start at.
    public long Start { get; }

    /// When the run stops starting iterations; waiting for a free user past it is pointless.
    public long Deadline { get; }

    public TimeSpan UntilDeadline => Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), Deadline);

    /// Open loop: the flow is timed from <see cref="Start"/>. Closed loop: from its first request,
    /// so time spent waiting for a free user is the tool's, not the server's.
    public bool ChargeFromStart { get; }

    /// When the first request went out (0 before that).
    public long FirstRequestAt { get; private set; }

    public bool Measured { get; }

    public CancellationToken CancellationToken { get; }

    /// Name the flow's total latency is recorded under; null records none.
    public string? Flow { get; set; }

    /// One call of the generated client (SecureAccess.Client), timed and checked as <see cref="SendAsync{TResponse}"/>.
    public Task<ApiResponse<T>> CallAsync<T>(string step, Func<CancellationToken, Task<SecureAccessResponse<T>>> call, Expect expect) =>
        SendAsync(step, ct => ApiCall.RunAsync(call, ct), expect);

    /// One call of an operation that answers no body.
    public Task<ApiResponse<NoBody>> CallAsync(string step, Func<CancellationToken, Task<SecureAccessResponse>> call, Expect expect) =>
        SendAsync(step, ct => ApiCall.RunAsync(call, ct), expect);

    public async Task<TResponse> SendAsync<TResponse>(string step, Func<CancellationToken, Task<TResponse>> call, Expect expect)
        where TResponse : ApiResponse
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(expect);
        for (var attempt = 0; ; attempt++)
        {
            var start = Interlocked.Exchange(ref pendingStart, 0);
            if (start == 0)
            {
                start = Stopwatch.GetTimestamp();
            }

            if (FirstRequestAt == 0)
            {
                FirstRequestAt = start;
            }

            var response = await call(CancellationToken).ConfigureAwait(false);
            var end = Stopwatch.GetTimestamp();
            var accepted = expect.Accepts(response);
            var retry = !accepted && retryTooManyRequests && response.Status == 429 && attempt < TooManyRequestsRetries;
            recorder.RecordRequest(step, start, end, response.Status, response.Code, unexpected: !accepted && !retry, Measured);
            if (accepted)
            {
                return response;
            }

            if (retry)
            {
                var wait = response.RetryAfter is { } after && after > TimeSpan.Zero && after < LongestRetryAfter ? after : LongestRetryAfter;
                await Task.Delay(wait, CancellationToken).ConfigureAwait(false);
                continue;
            }

            throw Fail(step, $"expected {expect}, got {response.Describe()}", response);
        }
    }

    /// Records an unexpected outcome that is not an HTTP answer (say, no code in the outbox) and
    /// returns the exception that ends the iteration.
    public FlowFailedException Fail(string step, string message, ApiResponse? response = null)
    {
        var text = $"{step}: {message}";
        recorder.Errors.Add(text);
        return new FlowFailedException(text, response);
    }
}
