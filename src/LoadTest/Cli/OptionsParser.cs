using System.Globalization;
using SecureAccess.LoadTest.Data;
using SecureAccess.LoadTest.Scenarios;

namespace SecureAccess.LoadTest.Cli;

/// The outcome of reading the command line: options, or an error to print with the usage, or a
/// request for help.
public sealed record ParseResult(LoadTestOptions? Options, string? Error, bool HelpRequested = false)
{
    /// False after `--no-progress`; where progress goes is the program's business, not the parser's.
    public bool ShowProgress { get; init; } = true;

    public bool Succeeded => Options is not null && Error is null;
}

/// `<scenario> --target URL [options]`; options take `--name value` or `--name=value`.
public static class OptionsParser
{
    private const string DefaultUsersFile = "users.json";

    private static readonly Dictionary<string, ScenarioKind> Scenarios = new(StringComparer.OrdinalIgnoreCase)
    {
        ["signup"] = ScenarioKind.SignUp,
        ["signin"] = ScenarioKind.SignIn,
        ["mixed"] = ScenarioKind.Mixed,
        ["attack"] = ScenarioKind.Attack,
        ["baseline"] = ScenarioKind.Baseline,
        ["seed"] = ScenarioKind.Seed,
        ["verify"] = ScenarioKind.Verify,
        ["locked"] = ScenarioKind.Locked,
        ["account"] = ScenarioKind.Account,
        ["activate"] = ScenarioKind.Activate,
    };

    private static readonly HashSet<string> Flags = new(StringComparer.OrdinalIgnoreCase)
    {
        "--allow-remote", "--overwrite-users", "--no-progress", "--help", "-h",
    };

    public static ParseResult Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new LoadTestOptions();
        ScenarioKind? scenario = null;
        var usersGiven = false;
        var showProgress = true;
        try
        {
            for (var i = 0; i < args.Count; i++)
            {
                var arg = args[i];
                if (!arg.StartsWith('-'))
                {
                    if (scenario is not null)
                    {
                        return new ParseResult(null, $"Unexpected argument '{arg}' (the scenario is already {scenario.Value.ToString().ToLowerInvariant()}).");
                    }

                    if (!Scenarios.TryGetValue(arg, out var kind))
                    {
                        return new ParseResult(null, $"Unknown scenario '{arg}'; choose one of {string.Join(", ", Scenarios.Keys)}.");
                    }

                    scenario = kind;
                    continue;
                }

                var name = arg;
                string? inline = null;
                var equals = arg.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    name = arg[..equals];
                    inline = arg[(equals + 1)..];
                }

                name = name.ToLowerInvariant();
                if (Flags.Contains(name))
                {
                    switch (name)
                    {
                        case "--help" or "-h":
                            return new ParseResult(null, null, HelpRequested: true);
                        case "--allow-remote":
                            options.AllowRemote = true;
                            break;
                        case "--overwrite-users":
                            options.OverwriteUsers = true;
                            break;
                        case "--no-progress":
                            showProgress = false;
                            break;
                    }

                    continue;
                }

                string value;
                if (inline is not null)
                {
                    value = inline;
                }
                else if (i + 1 < args.Count)
                {
                    value = args[++i];
                }
                else
                {
                    return new ParseResult(null, $"{name} needs a value.");
                }

                switch (name)
                {
                    case "--target" or "-t":
                        options.Target = Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : throw new FormatException($"--target '{value}' is not an absolute URL.");
                        break;
                    case "--concurrency" or "-c":
                        options.Concurrency = Int(name, value, min: 1);
                        break;
                    case "--rate" or "-r":
                        options.Rate = Double(name, value);
                        break;
                    case "--max-in-flight":
                        options.MaxInFlight = Int(name, value, min: 1);
                        break;
                    case "--duration" or "-d":
                        options.Duration = Duration(name, value);
                        break;
                    case "--warmup":
                        options.Warmup = Duration(name, value);
                        break;
                    case "--requests" or "-n" or "--iterations" or "--count":
                        options.Requests = Long(name, value, min: 1);
                        break;
                    case "--timeout":
                        options.RequestTimeout = Duration(name, value);
                        break;
                    case "--drain":
                        options.Drain = Duration(name, value);
                        break;
                    case "--outbox-timeout":
                        options.OutboxTimeout = Duration(name, value);
                        break;
                    case "--identities":
                        options.IdentitiesPath = value;
                        break;
                    case "--users":
                        options.UsersPath = value;
                        usersGiven = true;
                        break;
                    case "--out":
                        options.OutPath = value;
                        break;
                    case "--plot":
                        options.PlotPath = value;
                        break;
                    case "--method":
                        options.Method = value.ToLowerInvariant() switch
                        {
                            "sms" => SecondFactor.Sms,
                            "app" => SecondFactor.App,
                            _ => throw new FormatException("--method takes sms or app."),
                        };
                        break;
                    case "--app-route":
                        options.AppRoute = value.ToLowerInvariant() switch
                        {
                            "letter" => AppEnrolmentRoute.Letter,
                            "phone" => AppEnrolmentRoute.Phone,
                            _ => throw new FormatException("--app-route takes letter or phone."),
                        };
                        break;
                    case "--phone-area-codes":
                        options.Phones = options.Phones with
                        {
                            AreaCodes = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(a => Int(name, a, min: 200)).ToArray(),
                        };
                        break;
                    case "--phone-exchange":
                        options.Phones = options.Phones with { Exchange = Int(name, value, min: 200) };
                        break;
                    case "--phone-lines":
                        var range = value.Split('-', 2, StringSplitOptions.TrimEntries);
                        if (range.Length != 2)
                        {
                            throw new FormatException("--phone-lines takes FIRST-LAST, e.g. 0100-0199.");
                        }

                        options.Phones = options.Phones with { FirstLine = Int(name, range[0], min: 0), LastLine = Int(name, range[1], min: 0) };
                        break;
                    case "--phone-offset":
                        options.Phones = options.Phones with { Offset = Long(name, value, min: 0) };
                        break;
                    case "--mix":
                        options.Mix = MixPlan.Parse(value);
                        break;
                    case "--seed":
                        options.Seed = Int(name, value, min: 0);
                        break;
                    case "--threshold":
                        options.LockoutThreshold = Int(name, value, min: 1);
                        break;
                    case "--extra-attempts":
                        options.AttemptsAfterLock = Int(name, value, min: 1);
                        break;
                    case "--unknown":
                        options.UnknownUsernames = Int(name, value, min: 0);
                        break;
                    case "--usernames":
                        options.Usernames = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                        break;
                    case "--username-prefix":
                        options.UsernamePrefix = value;
                        break;
                    case "--server-pid":
                        options.ServerPid = Int(name, value, min: 1);
                        break;
                    case "--prepare":
                        options.Prepare = Int(name, value, min: 1);
                        break;
                    case "--user-cooldown":
                        options.UserCooldown = Duration(name, value);
                        break;
                    default:
                        return new ParseResult(null, $"Unknown option '{name}'.");
                }
            }
        }
        catch (FormatException e)
        {
            return new ParseResult(null, e.Message);
        }

        if (scenario is null)
        {
            return new ParseResult(null, "Name a scenario: " + string.Join(", ", Scenarios.Keys) + ".");
        }

        options.Scenario = scenario.Value;
        if (!usersGiven && scenario is ScenarioKind.SignUp or ScenarioKind.Seed or ScenarioKind.SignIn or ScenarioKind.Mixed or ScenarioKind.Verify or ScenarioKind.Account)
        {
            // Registering scenarios write here and sign-in scenarios read from here, so they chain by default.
            options.UsersPath = DefaultUsersFile;
        }

        if (options.Phones.Validate() is { } phoneProblem)
        {
            return new ParseResult(null, phoneProblem);
        }

        return new ParseResult(options, null) { ShowProgress = showProgress };
    }

    private static int Int(string name, string value, int min) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n
            : throw new FormatException($"{name} takes a whole number of at least {min}, not '{value}'.");

    private static long Long(string name, string value, long min) =>
        long.TryParse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n
            : throw new FormatException($"{name} takes a whole number of at least {min}, not '{value}'.");

    private static double Double(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 && !double.IsInfinity(n)
            ? n
            : throw new FormatException($"{name} takes a number above 0, not '{value}'.");

    private static TimeSpan Duration(string name, string value) =>
        DurationText.TryParse(value, out var span)
            ? span
            : throw new FormatException($"{name} takes a duration like 500ms, 30s, 5m or 1h, not '{value}'.");
}
