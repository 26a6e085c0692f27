using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace SecureAccess.Passwords;

/// What grains call to hash and verify passwords. The work itself is `IPasswordHasher`'s; this
/// decides where it runs. With `PasswordHashingOptions.Threads` > 0 (default: one per core) every
/// hash runs on a dedicated thread, so a 40-ms Argon2id never holds a thread-pool thread that an
/// HTTP request or another grain's turn is waiting for (docs/benchmarks.md P4). The calling grain
/// awaits the result inside its turn, so it still handles its own attempts one at a time (SA-10).
/// With 0, hashes run inline on the caller's thread.
public sealed class PasswordHashing : IDisposable
{
    private readonly IPasswordHasher _hasher;
    private readonly BlockingCollection<Action>? _queue;

    public PasswordHashing(IPasswordHasher hasher, IOptions<PasswordHashingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _hasher = hasher;
        var threads = options.Value.Threads ?? Environment.ProcessorCount;
        if (threads <= 0) return;

        _queue = [];
        for (var i = 0; i < threads; i++)
            new Thread(RunQueue) { IsBackground = true, Name = $"password-hashing-{i}" }.Start();
    }

    public string DummyHash => _hasher.DummyHash;

    public bool NeedsRehash(string encodedHash) => _hasher.NeedsRehash(encodedHash);

    public Task<string> Hash(string password) => Run(() => _hasher.Hash(password));

    public Task<bool> Verify(string encodedHash, string password) => Run(() => _hasher.Verify(encodedHash, password));

    public void Dispose() => _queue?.CompleteAdding();

    private Task<T> Run<T>(Func<T> work)
    {
        if (_queue is null) return Task.FromResult(work());

        // Continuations must not run on a hashing thread: the grain's turn resumes on its own scheduler.
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            _queue.Add(() =>
            {
                try
                {
                    done.SetResult(work());
                }
                catch (Exception e)
                {
                    done.SetException(e);
                }
            });
        }
        catch (InvalidOperationException) when (_queue.IsAddingCompleted)
        {
            return Task.FromResult(work()); // shutting down: the threads are gone, a last call still gets its answer
        }
        return done.Task;
    }

    private void RunQueue()
    {
        foreach (var work in _queue!.GetConsumingEnumerable()) work();
    }
}
