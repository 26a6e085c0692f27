using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using SecureAccess.Throttling;

namespace SecureAccess.Passwords;

/// What grains call to hash and verify passwords, and the one place two rules are applied: SA-2's
/// NFKC form (`PasswordPolicy.Normalize`) is what is hashed and verified, and a missing hash (an
/// unknown username, SA-11) is verified as the dummy hash, at the same cost, and never matches.
/// The work itself is `IPasswordHasher`'s; this decides where it runs. With `PasswordHashingOptions.Threads` > 0 (default: one per core) every
/// hash runs on a dedicated thread, so a 40-ms Argon2id never holds a thread-pool thread that an
/// HTTP request or another grain's turn is waiting for (docs/benchmarks.md P4). The calling grain
/// awaits the result inside its turn, so it still handles its own attempts one at a time (SA-10).
/// With 0, hashes run inline on the caller's thread.
///
/// The queue is bounded (issue 11): a flood of attempts cannot queue unbounded Argon2id work. When
/// `QueueLimit` hashes already wait, or the wait ahead (queue × measured time per hash ÷ threads)
/// exceeds `MaxQueueWait`, new work throws `HashingOverloadedException` at once, before
/// anything is judged, so the caller answers 503 and counts nothing. Queue depth, waits and
/// refusals are on the meter "SecureAccess.Passwords".
public sealed class PasswordHashing : IDisposable
{
    public const string MeterName = "SecureAccess.Passwords";

    private readonly IPasswordHasher _hasher;
    private readonly BlockingCollection<Action>? _queue;
    private readonly int _queueLimit;
    private readonly TimeSpan _retryAfter;
    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _wait;
    private readonly Counter<long> _shed;
    private readonly int _threads;
    private readonly double _maxQueueWaitMs;
    private int _queued;
    /// Moving average of one hash's run time, in ms (starts at the benchmarked 40 ms).
    private double _hashMs = 40;

    public PasswordHashing(IPasswordHasher hasher, IOptions<PasswordHashingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _hasher = hasher;
        _retryAfter = options.Value.OverloadRetryAfter;
        _meter.CreateObservableGauge("secureaccess.passwords.queue.depth", () => Volatile.Read(ref _queued),
            unit: "{hash}", description: "Password hashes waiting for a hashing thread.");
        _wait = _meter.CreateHistogram<double>("secureaccess.passwords.queue.wait", unit: "ms",
            description: "Time a password hash waited for a hashing thread.");
        _shed = _meter.CreateCounter<long>("secureaccess.passwords.queue.shed", unit: "{hash}",
            description: "Password hashes refused because the queue was full (answered 503).");

        var threads = options.Value.Threads ?? Environment.ProcessorCount;
        _threads = Math.Max(1, threads);
        _maxQueueWaitMs = options.Value.MaxQueueWait.TotalMilliseconds;
        _queueLimit = options.Value.QueueLimit ?? 50 * Math.Max(1, threads);
        if (threads <= 0) return;

        _queue = [];
        for (var i = 0; i < threads; i++)
            new Thread(RunQueue) { IsBackground = true, Name = $"password-hashing-{i}" }.Start();
    }

    /// Hashes waiting now (for tests and the gauge).
    public int QueueDepth => Volatile.Read(ref _queued);

    public bool NeedsRehash(string encodedHash) => _hasher.NeedsRehash(encodedHash);

    public Task<string> Hash(string password)
    {
        var normalized = PasswordPolicy.Normalize(password);
        return Run(() => _hasher.Hash(normalized));
    }

    /// True when `password` matches `encodedHash`. With no hash, the dummy one is verified instead and
    /// the answer is false, so "no such account" costs what "wrong password" costs (SA-11).
    public async Task<bool> Verify(string? encodedHash, string password)
    {
        var normalized = PasswordPolicy.Normalize(password);
        var known = !string.IsNullOrEmpty(encodedHash);
        var matched = await Run(() => _hasher.Verify(known ? encodedHash! : _hasher.DummyHash, normalized));
        return matched && known;
    }

    public void Dispose()
    {
        _queue?.CompleteAdding();
        _meter.Dispose();
    }

    private Task<T> Run<T>(Func<T> work)
    {
        if (_queue is null) return Task.FromResult(work());

        var ahead = Interlocked.Increment(ref _queued);
        if (ahead > _queueLimit || (ahead - 1) * Volatile.Read(ref _hashMs) / _threads > _maxQueueWaitMs)
        {
            Interlocked.Decrement(ref _queued);
            _shed.Add(1);
            throw new HashingOverloadedException { RetryAfter = _retryAfter };
        }

        // Continuations must not run on a hashing thread: the grain's turn resumes on its own scheduler.
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queuedAt = Stopwatch.GetTimestamp();
        try
        {
            _queue.Add(() =>
            {
                Interlocked.Decrement(ref _queued);
                _wait.Record(Stopwatch.GetElapsedTime(queuedAt).TotalMilliseconds);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var result = work();
                    // One writer per thread, a rough average is enough: 1/8 weight for the newest hash.
                    Volatile.Write(ref _hashMs, Volatile.Read(ref _hashMs) * 0.875 + Stopwatch.GetElapsedTime(started).TotalMilliseconds * 0.125);
                    done.SetResult(result);
                }
                catch (Exception e)
                {
                    done.SetException(e);
                }
            });
        }
        catch (InvalidOperationException) when (_queue.IsAddingCompleted)
        {
            Interlocked.Decrement(ref _queued);
            return Task.FromResult(work()); // shutting down: the threads are gone, a last call still gets its answer
        }
        return done.Task;
    }

    private void RunQueue()
    {
        foreach (var work in _queue!.GetConsumingEnumerable()) work();
    }
}
