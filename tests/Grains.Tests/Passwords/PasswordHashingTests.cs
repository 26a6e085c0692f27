using Microsoft.Extensions.Options;
using SecureAccess.Passwords;

namespace SecureAccess.Grains.Tests.Passwords;

/// Where hashes run (docs/benchmarks.md P4): on dedicated threads by default, inline when configured
/// with 0 threads; the answer and any failure reach the caller either way.
public sealed class PasswordHashingTests
{
    private sealed class ThreadRecordingHasher : IPasswordHasher
    {
        public string? LastThread { get; private set; }
        public string DummyHash => "dummy";
        public bool NeedsRehash(string encodedHash) => false;
        public string Hash(string password) => Record(password == "fail" ? throw new InvalidOperationException("hash failed") : "hash:" + password);
        public bool Verify(string encodedHash, string password) => Record(encodedHash == "hash:" + password);

        private T Record<T>(T result)
        {
            LastThread = Thread.CurrentThread.Name;
            return result;
        }
    }

    private static PasswordHashing Hashing(IPasswordHasher hasher, int? threads) =>
        new(hasher, Options.Create(new PasswordHashingOptions { Threads = threads }));

    [Fact]
    public async Task By_default_hashes_run_on_dedicated_threads()
    {
        var hasher = new ThreadRecordingHasher();
        using var hashing = Hashing(hasher, threads: null);

        Assert.Equal("hash:secret", await hashing.Hash("secret"));
        Assert.StartsWith("password-hashing-", hasher.LastThread, StringComparison.Ordinal);
        Assert.True(await hashing.Verify("hash:secret", "secret"));
        Assert.False(await hashing.Verify("hash:secret", "other"));
    }

    [Fact]
    public async Task With_zero_threads_hashes_run_on_the_callers_thread()
    {
        var hasher = new ThreadRecordingHasher();
        using var hashing = Hashing(hasher, threads: 0);
        var caller = new Thread(() => hashing.Verify("hash:x", "x").GetAwaiter().GetResult()) { Name = "the-caller" };
        caller.Start();
        caller.Join();

        Assert.Equal("the-caller", hasher.LastThread);
        Assert.True(await hashing.Verify("hash:x", "x"));
    }

    [Fact]
    public async Task A_failing_hash_fails_the_callers_task_and_the_threads_keep_working()
    {
        using var hashing = Hashing(new ThreadRecordingHasher(), threads: 1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => hashing.Hash("fail"));
        Assert.Equal("hash:next", await hashing.Hash("next"));
    }

    [Fact]
    public async Task Many_concurrent_hashes_all_get_their_own_answer()
    {
        using var hashing = Hashing(new ThreadRecordingHasher(), threads: 2);
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => hashing.Hash($"p{i}")));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"hash:p{i}"), results);
    }
}
