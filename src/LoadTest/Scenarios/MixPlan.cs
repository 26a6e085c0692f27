using System.Globalization;

namespace SecureAccess.LoadTest.Scenarios;

public enum MixOperation
{
    SignIn,
    SignUp,
    WrongPassword,
    WrongCode,
    AccountRead,
}

/// The shares of the `mixed` scenario. Written as `signin=72,signup=17,wrong-password=2,wrong-code=2`;
/// account reads take whatever is left to 100 unless given, and explicit shares that do not add up
/// to 100 are taken relative to their sum.
public sealed class MixPlan
{
    private static readonly (string Name, MixOperation Operation)[] Names =
    [
        ("signin", MixOperation.SignIn),
        ("signup", MixOperation.SignUp),
        ("wrong-password", MixOperation.WrongPassword),
        ("wrong-code", MixOperation.WrongCode),
        ("account", MixOperation.AccountRead),
    ];

    private readonly (MixOperation Operation, double Upper)[] cumulative;

    public MixPlan(IReadOnlyDictionary<MixOperation, double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Values.Any(w => w < 0 || double.IsNaN(w) || double.IsInfinity(w)))
        {
            throw new ArgumentException("Shares must be zero or more.", nameof(weights));
        }

        var total = weights.Values.Sum();
        if (total <= 0)
        {
            throw new ArgumentException("At least one share must be above zero.", nameof(weights));
        }

        Shares = Enum.GetValues<MixOperation>().ToDictionary(o => o, o => weights.GetValueOrDefault(o) / total);
        var upper = 0.0;
        cumulative = Shares.Where(s => s.Value > 0).Select(s => (s.Key, upper += s.Value)).ToArray();
    }

    public static MixPlan Default { get; } = Parse("signin=72,signup=17,wrong-password=2,wrong-code=2");

    /// Each operation's fraction of all draws (adds up to 1).
    public IReadOnlyDictionary<MixOperation, double> Shares { get; }

    public static MixPlan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var weights = new Dictionary<MixOperation, double>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            var match = Names.FirstOrDefault(n => n.Name.Equals(pair[0], StringComparison.OrdinalIgnoreCase));
            if (pair.Length != 2 || match.Name is null)
            {
                throw new FormatException($"'{part}' is not NAME=SHARE with NAME one of {string.Join(", ", Names.Select(n => n.Name))}.");
            }

            if (!double.TryParse(pair[1].TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var share) || share < 0)
            {
                throw new FormatException($"'{pair[1]}' is not a share (a number, 0 or more).");
            }

            weights[match.Operation] = share;
        }

        if (!weights.ContainsKey(MixOperation.AccountRead))
        {
            var rest = 100 - weights.Values.Sum();
            if (rest < -1e-9)
            {
                throw new FormatException("The shares add up to more than 100; give account=N explicitly to mix by ratio instead.");
            }

            weights[MixOperation.AccountRead] = Math.Max(0, rest);
        }

        if (weights.Values.Sum() <= 0)
        {
            throw new FormatException("At least one share must be above zero.");
        }

        return new MixPlan(weights);
    }

    /// <paramref name="uniform"/> in [0, 1) picks an operation in proportion to its share.
    public MixOperation Draw(double uniform)
    {
        foreach (var (operation, upper) in cumulative)
        {
            if (uniform < upper)
            {
                return operation;
            }
        }

        return cumulative[^1].Operation;
    }

    public override string ToString() =>
        string.Join(",", Names.Where(n => Shares[n.Operation] > 0)
            .Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.Name}={Shares[n.Operation] * 100:0.##}")));
}
