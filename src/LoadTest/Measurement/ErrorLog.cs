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
