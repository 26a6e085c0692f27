namespace SecureAccess.LoadTest.Data;

/// Gives every registrant a number of its own from the plan, never one the users file already holds.
public sealed class PhoneAllocator(PhoneNumberPlan plan, IEnumerable<string?> taken)
{
    private readonly HashSet<string> used = taken.Where(t => t is not null).Select(t => t!).ToHashSet(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private long next;

    /// Null when the plan has no number left.
    public string? Next()
    {
        lock (gate)
        {
            while (next + plan.Offset < plan.Capacity)
            {
                var number = plan.NumberAt(next++);
                if (used.Add(number))
                {
                    return number;
                }
            }

            return null;
        }
    }
}
