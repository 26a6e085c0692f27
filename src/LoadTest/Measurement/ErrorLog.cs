using System.Collections.Concurrent;

namespace SecureAccess.LoadTest.Measurement;

/// Unexpected outcomes: all are counted, the first few kept verbatim so a report says what went wrong
/// without printing thousands of identical lines.
public sealed class ErrorLog(int keep = 25)
{
    private readonly ConcurrentQueue<string> samples = new();
    private readonly ConcurrentDictionary<string, long> distinct = new(StringComparer.Ordinal);
    private long count;

    public long Count => Interlocked.Read(ref count);

    public IReadOnlyList<string> Samples => samples.ToArray();

    /// Every error of <paramref name="other"/> counted here, its kept samples prefixed.
    public void AddAll(ErrorLog other, string prefix)
    {
        ArgumentNullException.ThrowIfNull(other);
        var samples = other.Samples;
        foreach (var sample in samples)
        {
            Add(prefix + sample);
        }

        Interlocked.Add(ref count, Math.Max(0, other.Count - samples.Count));
    }

    public void Add(string message)
    {
        Interlocked.Increment(ref count);
        // Only the first occurrence of each message is kept, up to the limit.
        if (distinct.Count < keep * 4 && distinct.TryAdd(message, 1) && samples.Count < keep)
        {
            samples.Enqueue(message);
        }
    }
}
