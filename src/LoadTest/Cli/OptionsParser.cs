using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
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

/// `<scenario> --target URL [options]`, read by System.CommandLine (issue 12); options take
/// `--name value` or `--name=value`. Each option is declared once below with how it is read and
/// where it goes; the defaults live in <see cref="LoadTestOptions"/>. `--help` prints
/// <see cref="Usage.Text"/>, which groups the options by purpose.
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

    public static ParseResult Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var line = new CommandLine();
        var parsed = line.Root.Parse(args);
        if (parsed.GetResult(line.Help) is not null)
        {
            return new ParseResult(null, null, HelpRequested: true);
        }

        if (line.Refusal(parsed) is { } refusal)
        {
            return new ParseResult(null, refusal);
        }

        var options = new LoadTestOptions();
        foreach (var apply in line.Appliers)
        {
            apply(parsed, options);
        }

        var scenario = parsed.GetValue(line.Scenario);
        options.Scenario = scenario;
        if (parsed.GetResult(line.Users) is null && scenario is ScenarioKind.SignUp or ScenarioKind.Seed or ScenarioKind.SignIn or ScenarioKind.Mixed or ScenarioKind.Verify or ScenarioKind.Account)
        {
            // Registering scenarios write here and sign-in scenarios read from here, so they chain by default.
            options.UsersPath = DefaultUsersFile;
        }

        if (options.Phones.Validate() is { } phoneProblem)
        {
            return new ParseResult(null, phoneProblem);
        }

        return new ParseResult(options, null) { ShowProgress = !parsed.GetValue(line.NoProgress) };
    }

    /// The command's symbols, and for each option the step that copies its value into the options.
    private sealed class CommandLine
    {
        private readonly List<Action<System.CommandLine.ParseResult, LoadTestOptions>> appliers = [];

        public CommandLine()
        {
            Scenario = new Argument<ScenarioKind>("scenario")
            {
                Arity = ArgumentArity.ZeroOrOne,
                CustomParser = result =>
                {
                    if (result.Tokens.Count == 0)
                    {
                        return default;
                    }

                    var name = result.Tokens[0].Value;
                    if (Scenarios.TryGetValue(name, out var kind))
                    {
                        return kind;
                    }

                    result.AddError($"Unknown scenario '{name}'; choose one of {string.Join(", ", Scenarios.Keys)}.");
                    return default;
                },
            };
            Root.Arguments.Add(Scenario);
            Help = Root.Options.OfType<HelpOption>().Single();

            Flag("--allow-remote", o => o.AllowRemote = true);
            Flag("--overwrite-users", o => o.OverwriteUsers = true);
            NoProgress = Flag("--no-progress", _ => { });

            Value("--target", (n, v) => Uri.TryCreate(v, UriKind.Absolute, out var uri) ? uri : throw new FormatException($"{n} '{v}' is not an absolute URL."), (o, v) => o.Target = v, "-t");
            Value("--concurrency", (n, v) => Int(n, v, min: 1), (o, v) => o.Concurrency = v, "-c");
            Value("--rate", Double, (o, v) => o.Rate = v, "-r");
            Value("--max-in-flight", (n, v) => Int(n, v, min: 1), (o, v) => o.MaxInFlight = v);
            Value("--duration", Duration, (o, v) => o.Duration = v, "-d");
            Value("--warmup", Duration, (o, v) => o.Warmup = v);
            Value("--requests", (n, v) => Long(n, v, min: 1), (o, v) => o.Requests = v, "-n", "--iterations", "--count");
            Value("--timeout", Duration, (o, v) => o.RequestTimeout = v);
            Value("--drain", Duration, (o, v) => o.Drain = v);
            Value("--outbox-timeout", Duration, (o, v) => o.OutboxTimeout = v);
            Value("--identities", Text, (o, v) => o.IdentitiesPath = v);
            Users = Value("--users", Text, (o, v) => o.UsersPath = v);
            Value("--out", Text, (o, v) => o.OutPath = v);
            Value("--plot", Text, (o, v) => o.PlotPath = v);
            Value("--method", (_, v) => v.ToLowerInvariant() switch
            {
                "sms" => SecondFactor.Sms,
                "app" => SecondFactor.App,
                _ => throw new FormatException("--method takes sms or app."),
            }, (o, v) => o.Method = v);
            Value("--app-route", (_, v) => v.ToLowerInvariant() switch
            {
                "letter" => AppEnrolmentRoute.Letter,
                "phone" => AppEnrolmentRoute.Phone,
                _ => throw new FormatException("--app-route takes letter or phone."),
            }, (o, v) => o.AppRoute = v);
            Value("--phone-area-codes", (n, v) => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(a => Int(n, a, min: 200)).ToArray(),
                (o, v) => o.Phones = o.Phones with { AreaCodes = v });
            Value("--phone-exchange", (n, v) => Int(n, v, min: 200), (o, v) => o.Phones = o.Phones with { Exchange = v });
            Value("--phone-lines", LineRange, (o, v) => o.Phones = o.Phones with { FirstLine = v.First, LastLine = v.Last });
            Value("--phone-offset", (n, v) => Long(n, v, min: 0), (o, v) => o.Phones = o.Phones with { Offset = v });
            Value("--mix", (_, v) => MixPlan.Parse(v), (o, v) => o.Mix = v);
            Value("--seed", (n, v) => Int(n, v, min: 0), (o, v) => o.Seed = v);
            Value("--threshold", (n, v) => Int(n, v, min: 1), (o, v) => o.LockoutThreshold = v);
            Value("--extra-attempts", (n, v) => Int(n, v, min: 1), (o, v) => o.AttemptsAfterLock = v);
            Value("--unknown", (n, v) => Int(n, v, min: 0), (o, v) => o.UnknownUsernames = v);
            Value("--usernames", (_, v) => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), (o, v) => o.Usernames = v);
            Value("--username-prefix", Text, (o, v) => o.UsernamePrefix = v);
            Value("--server-pid", (n, v) => Int(n, v, min: 1), (o, v) => o.ServerPid = v);
            Value("--prepare", (n, v) => Int(n, v, min: 1), (o, v) => o.Prepare = v);
            Value("--user-cooldown", Duration, (o, v) => o.UserCooldown = v);
        }

        public RootCommand Root { get; } = new("Secure Access load test: multi-step flows over the REST API (API.md), nothing else.");

        public Argument<ScenarioKind> Scenario { get; }

        public HelpOption Help { get; }

        public Option<bool> NoProgress { get; }

        public Option<string> Users { get; }

        public IReadOnlyList<Action<System.CommandLine.ParseResult, LoadTestOptions>> Appliers => appliers;

        /// The first reason to refuse, worded as the tool always has: stray words and unknown options
        /// first, then the scenario, then what an option's own reader said.
        public string? Refusal(System.CommandLine.ParseResult parsed)
        {
            foreach (var token in parsed.UnmatchedTokens)
            {
                if (token.StartsWith('-'))
                {
                    var name = token.Split('=', 2)[0];
                    return $"Unknown option '{name}'.";
                }

                return parsed.GetResult(Scenario) is { Tokens.Count: > 0 } given
                    ? $"Unexpected argument '{token}' (the scenario is already {given.Tokens[0].Value.ToLowerInvariant()})."
                    : $"Unexpected argument '{token}'.";
            }

            if (parsed.Errors.FirstOrDefault() is { } error)
            {
                return error.SymbolResult is OptionResult { Tokens.Count: 0 } missing
                    ? $"{missing.Option.Name} needs a value."
                    : error.Message;
            }

            return parsed.GetResult(Scenario) is null or { Tokens.Count: 0 }
                ? "Name a scenario: " + string.Join(", ", Scenarios.Keys) + "."
                : null;
        }

        private Option<bool> Flag(string name, Action<LoadTestOptions> apply)
        {
            var option = new Option<bool>(name) { Arity = ArgumentArity.Zero };
            Root.Options.Add(option);
            appliers.Add((parsed, options) =>
            {
                if (parsed.GetValue(option))
                {
                    apply(options);
                }
            });
            return option;
        }

        /// An option with one value, read by `read(name, text)`; a FormatException's message is the
        /// refusal. Only options present on the line are applied, so LoadTestOptions keeps the defaults.
        private Option<T> Value<T>(string name, Func<string, string, T> read, Action<LoadTestOptions, T> apply, params string[] aliases)
        {
            var option = new Option<T>(name, aliases)
            {
                Arity = ArgumentArity.ExactlyOne,
                CustomParser = result =>
                {
                    try
                    {
                        return read(name, result.Tokens[0].Value);
                    }
                    catch (FormatException e)
                    {
                        result.AddError(e.Message);
                        return default!;
                    }
                },
            };
            Root.Options.Add(option);
            appliers.Add((parsed, options) =>
            {
                if (parsed.GetResult(option) is { Implicit: false })
                {
                    apply(options, parsed.GetValue(option)!);
                }
            });
            return option;
        }
    }

    private static string Text(string name, string value) => value;

    private static (int First, int Last) LineRange(string name, string value)
    {
        var range = value.Split('-', 2, StringSplitOptions.TrimEntries);
        return range.Length == 2
            ? (Int(name, range[0], min: 0), Int(name, range[1], min: 0))
            : throw new FormatException($"{name} takes FIRST-LAST, e.g. 0100-0199.");
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
