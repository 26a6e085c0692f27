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
        // Room for all of them: past the queue limit work is shed (see the issue 11 tests below).
        using var hashing = new PasswordHashing(new ThreadRecordingHasher(), Options.Create(new PasswordHashingOptions { Threads = 2, QueueLimit = 200, MaxQueueWait = TimeSpan.FromHours(1) }));
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => hashing.Hash($"p{i}")));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"hash:p{i}"), results);
    }

    /// Holds every hash until released, so a test can fill the queue (issue 11).
    private sealed class GatedHasher : IPasswordHasher
    {
        public ManualResetEventSlim Started { get; } = new();
        public ManualResetEventSlim Gate { get; } = new();
        public string DummyHash => "dummy";
        public bool NeedsRehash(string encodedHash) => false;
        public string Hash(string password) => Verify("", password) ? "hash:" + password : "";

        public bool Verify(string encodedHash, string password)
        {
            Started.Set();
            Gate.Wait(TimeSpan.FromSeconds(30));
            return true;
        }
    }

    [Fact] // issue 11: a bounded queue; one above the limit is shed at once, before any work
    public async Task Past_the_queue_limit_new_work_is_refused_with_a_retry_after_and_admitted_work_completes()
    {
        var hasher = new GatedHasher();
        using var hashing = new PasswordHashing(hasher, Options.Create(new PasswordHashingOptions
        {
            Threads = 1,
            QueueLimit = 2,
            OverloadRetryAfter = TimeSpan.FromSeconds(3),
        }));
        var running = hashing.Verify("h", "on the thread");
        Assert.True(hasher.Started.Wait(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, hashing.QueueDepth);

        var first = hashing.Verify("h", "queued 1"); // one below the limit
        var second = hashing.Verify("h", "queued 2"); // at the limit
        Assert.Equal(2, hashing.QueueDepth);
        var refused = await Assert.ThrowsAsync<SecureAccess.Throttling.HashingOverloadedException>(() => hashing.Verify("h", "one too many"));
        Assert.Equal(TimeSpan.FromSeconds(3), refused.RetryAfter);
        Assert.Equal(2, hashing.QueueDepth);

        hasher.Gate.Set();
        Assert.True(await running && await first && await second);
        Assert.Equal(0, hashing.QueueDepth);
        Assert.True(await hashing.Verify("h", "room again"));
    }

    [Fact]
    public async Task The_default_queue_limit_is_fifty_hashes_per_thread()
    {
        var hasher = new GatedHasher();
        using var hashing = new PasswordHashing(hasher, Options.Create(new PasswordHashingOptions { Threads = 1, MaxQueueWait = TimeSpan.FromHours(1) }));
        _ = hashing.Verify("h", "on the thread");
        Assert.True(hasher.Started.Wait(TimeSpan.FromSeconds(30)));
        for (var i = 0; i < 50; i++) _ = hashing.Verify("h", "queued");
        await Assert.ThrowsAsync<SecureAccess.Throttling.HashingOverloadedException>(() => hashing.Verify("h", "51st"));
        hasher.Gate.Set();
    }

    [Fact] // issue 11: the wait ahead (queue × time per hash, 40 ms before any is measured) bounds the queue too
    public async Task Past_the_longest_expected_wait_new_work_is_refused()
    {
        var hasher = new GatedHasher();
        using var hashing = new PasswordHashing(hasher, Options.Create(new PasswordHashingOptions
        {
            Threads = 1,
            QueueLimit = 1000,
            MaxQueueWait = TimeSpan.FromMilliseconds(200),
        }));
        _ = hashing.Verify("h", "on the thread");
        Assert.True(hasher.Started.Wait(TimeSpan.FromSeconds(30)));
        for (var i = 0; i < 6; i++) _ = hashing.Verify("h", "queued"); // the 6th expects 5 × 40 ms = 200 ms: at the limit
        await Assert.ThrowsAsync<SecureAccess.Throttling.HashingOverloadedException>(() => hashing.Verify("h", "7th: 240 ms"));
        Assert.Equal(6, hashing.QueueDepth);
        hasher.Gate.Set();
    }

    [Fact] // SA-2 (issue 12: normalised in one place): a compatibility variant is the same password
    public async Task The_hashing_service_hashes_and_verifies_the_NFKC_form()
    {
        using var hashing = Hashing(new ThreadRecordingHasher(), threads: 0);
        Assert.Equal("hash:file cabinet 12", await hashing.Hash("\uFB01le cabinet 12")); // the "ﬁ" ligature is "fi"
        Assert.True(await hashing.Verify("hash:file cabinet 12", "\uFB01le cabinet 12"));
    }

    [Fact] // SA-11 (issue 12: the dummy hash in one place): no hash costs a dummy verification and never matches
    public async Task Without_a_hash_the_dummy_is_verified_and_nothing_matches()
    {
        var hasher = new DummyCountingHasher();
        using var hashing = Hashing(hasher, threads: 0);
        Assert.False(await hashing.Verify(null, "dummy-password"));
        Assert.False(await hashing.Verify("", "dummy-password"));
        Assert.Equal(2, hasher.DummyVerifications);
    }

    private sealed class DummyCountingHasher : IPasswordHasher
    {
        public int DummyVerifications { get; private set; }
        public string DummyHash => "hash:dummy-password"; // even a password matching the dummy does not sign in
        public bool NeedsRehash(string encodedHash) => false;
        public string Hash(string password) => "hash:" + password;
        public bool Verify(string encodedHash, string password)
        {
            if (encodedHash == DummyHash) DummyVerifications++;
            return encodedHash == "hash:" + password;
        }
    }
}
