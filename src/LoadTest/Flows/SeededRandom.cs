namespace SecureAccess.LoadTest.Flows;

/// One random sequence for the whole run, so a seed reproduces the same draws.
public sealed class SeededRandom(int seed)
{
    private readonly Random random = new(seed);
    private readonly Lock gate = new();

    public int Seed { get; } = seed;

    public double NextDouble()
    {
        lock (gate)
        {
            return random.NextDouble();
        }
    }
}
