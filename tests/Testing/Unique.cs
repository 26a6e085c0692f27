namespace SecureAccess.Testing;

/// Names that no other test uses, so tests can share one cluster.
public static class Unique
{
    private static readonly string[] AreaCodes = ["202", "212", "213", "312", "415", "617", "646", "718", "305", "404"];
    private static int _next;

    public static int Next() => Interlocked.Increment(ref _next);
    public static string Username(string stem = "user") => $"{stem}{Next()}";
    public static string Email(string stem = "someone") => $"{stem}.{Next()}@example.test";

    /// A valid US number in the 555 range, distinct for each n below 100,000.
    public static string Phone() => Phone(Next());
    public static string Phone(int n) => $"+1{AreaCodes[n / 10000 % AreaCodes.Length]}555{n % 10000:0000}";
}
