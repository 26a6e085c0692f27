using System.Globalization;

namespace SecureAccess.LoadTest.Cli;

/// Durations as people type them: `500ms`, `30s`, `5m`, `1h`, or a bare number of seconds.
public static class DurationText
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim().ToLowerInvariant();
        var (number, unit) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 0.001),
            _ when text.EndsWith('s') => (text[..^1], 1.0),
            _ when text.EndsWith('m') => (text[..^1], 60.0),
            _ when text.EndsWith('h') => (text[..^1], 3600.0),
            _ => (text, 1.0),
        };

        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) ||
            amount < 0 || double.IsInfinity(amount) || double.IsNaN(amount) || amount * unit > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(amount * unit);
        return true;
    }

    public static string Format(TimeSpan value)
    {
        var c = CultureInfo.InvariantCulture;
        return value.TotalSeconds switch
        {
            < 1 => string.Create(c, $"{value.TotalMilliseconds:0}ms"),
            < 120 => string.Create(c, $"{value.TotalSeconds:0.#}s"),
            < 7200 => string.Create(c, $"{value.TotalMinutes:0.#}m"),
            _ => string.Create(c, $"{value.TotalHours:0.#}h"),
        };
    }
}
