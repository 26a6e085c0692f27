using SecureAccess.LoadTest.Cli;
using SecureAccess.LoadTest.Data;
using SecureAccess.LoadTest.Flows;
using SecureAccess.LoadTest.Load;

namespace SecureAccess.LoadTest.Scenarios;

/// Loads what a scenario needs (identity records, users, targets) and refuses early, with a
/// message, when it cannot run.
internal static class ScenarioFactory
{
    public static async Task<(IScenario Scenario, IReadOnlyList<string> Notes)> CreateAsync(RunServices services, CancellationToken ct)
    {
        var options = services.Options;
        var notes = new List<string>();
        switch (options.Scenario)
        {
            case ScenarioKind.SignUp:
            case ScenarioKind.Seed:
                {
                    var existing = options.OverwriteUsers ? [] : await ExistingUsersAsync(options, ct).ConfigureAwait(false);
                    var flow = await SignUpFlowAsync(services, existing, notes, required: true, ct).ConfigureAwait(false);
                    IScenario scenario = options.Scenario == ScenarioKind.Seed
                        ? new SeedScenario(services, flow!, existing)
                        : new SignUpScenario(services, flow!, existing);
                    return (scenario, notes);
                }

            case ScenarioKind.SignIn:
                {
                    var users = await UsersAsync(options, required: true, ct).ConfigureAwait(false);
                    var pool = PoolOf(services, users, requireEligible: true);
                    return (new SignInScenario(services, pool, users), notes);
                }

            case ScenarioKind.Mixed:
                {
                    var signUps = options.Mix.Shares[MixOperation.SignUp] > 0;
                    var users = await UsersAsync(options, required: !signUps, ct).ConfigureAwait(false);
                    var flow = signUps ? await SignUpFlowAsync(services, users, notes, required: true, ct).ConfigureAwait(false) : null;
                    var pool = PoolOf(services, users, requireEligible: !signUps);
                    return (new MixedScenario(services, pool, flow, users), notes);
                }

            case ScenarioKind.Attack:
                return (new AttackScenario(services, await AttackTargetsAsync(services, notes, ct).ConfigureAwait(false)), notes);

            case ScenarioKind.Baseline:
                return (new BaselineScenario(services), notes);

            case ScenarioKind.Verify:
                {
                    if (options.Method == SecondFactor.App)
                    {
                        throw new LoadTestConfigurationException("verify prepares SMS challenges (an app code is good once per 30-s step): give users with a phone, --method sms.");
                    }

                    var users = (await UsersAsync(options, required: true, ct).ConfigureAwait(false)).Where(u => u.CanUse(SecondFactor.Sms)).ToList();
                    if (users.Count == 0)
                    {
                        throw new LoadTestConfigurationException("verify needs SMS users (with a phoneNumber) in the users file: seed them with `seed --method sms`.");
                    }

                    return (new VerifyScenario(services, PoolOf(services, users, requireEligible: false), users), notes);
                }

            case ScenarioKind.Locked:
                {
                    var targets = options.Usernames.ToList();
                    var unknown = options.UnknownUsernames ?? (targets.Count == 0 ? LockedScenario.DefaultTargets : 0);
                    for (var i = 0; i < unknown; i++)
                    {
                        targets.Add(services.Names.UnknownUsername());
                    }

                    if (targets.Count == 0)
                    {
                        throw new LoadTestConfigurationException("locked has no username to lock: give --usernames a,b or --unknown N.");
                    }

                    notes.Add($"Locked targets: {options.Usernames.Count} named, {unknown} unknown.");
                    return (new LockedScenario(services, targets), notes);
                }

            case ScenarioKind.Account:
                {
                    var users = await UsersAsync(options, required: true, ct).ConfigureAwait(false);
                    return (new AccountScenario(services, PoolOf(services, users, requireEligible: true), users), notes);
                }

            case ScenarioKind.Activate:
                return (new ActivateScenario(services), notes);

            default:
                throw new LoadTestConfigurationException($"Unknown scenario {options.Scenario}.");
        }
    }

    private static async Task<SignUpFlow?> SignUpFlowAsync(RunServices services, IReadOnlyList<UserAccount> existing, List<string> notes, bool required, CancellationToken ct)
    {
        var options = services.Options;
        IReadOnlyList<IdentityRecord> records;
        if (options.Identities is { } given)
        {
            records = given;
        }
        else if (options.IdentitiesPath is { } path)
        {
            records = await ReadAsync(() => IdentityRecordFile.ReadAsync(path, ct)).ConfigureAwait(false);
        }
        else if (required)
        {
            throw new LoadTestConfigurationException(
                $"{Name(options.Scenario)} registers users and needs identity records the server knows: --identities FILE " +
                "(the format of shared/fixtures/identity-records.json)" +
                (options.Scenario == ScenarioKind.Mixed ? ", or --mix with signup=0." : "."));
        }
        else
        {
            return null;
        }

        var byLetter = options.Method == SecondFactor.App && options.AppRoute == AppEnrolmentRoute.Letter;
        var supply = new IdentitySupply(records, existing.Select(u => u.Ssn), needsPhone: !byLetter);
        notes.Add($"Identity records: {supply.Usable} usable, {supply.Unverifiable} that cannot verify (credit freeze or no acceptable account), " +
                  $"{supply.WithoutPhone} without a mobile phone tied to the name (SA-7), {supply.AlreadyUsed} already registered in the users file.");
        if (supply.Usable == 0 && options.Scenario != ScenarioKind.Mixed)
        {
            throw new LoadTestConfigurationException(
                "No usable identity record left: each SSN registers once (SA-4d). Give a larger identity file, or --overwrite-users against a fresh server.");
        }

        var phones = options.Phones.Validate() is { } problem
            ? throw new LoadTestConfigurationException(problem)
            : new PhoneAllocator(options.Phones, existing.Select(u => u.PhoneNumber));
        return new SignUpFlow(services, supply, phones);
    }

    private static UserPool PoolOf(RunServices services, IReadOnlyList<UserAccount> users, bool requireEligible)
    {
        var options = services.Options;
        var pool = new UserPool(options.Clock, options.UserCooldown);
        foreach (var user in users)
        {
            pool.Add(user);
        }

        if (requireEligible && options.Method is { } method && !users.Any(u => u.CanUse(method)))
        {
            throw new LoadTestConfigurationException(
                $"No user in the users file can sign in with --method {method.ToString().ToLowerInvariant()} " +
                (method == SecondFactor.App ? "(none has a totpSecret; register with `signup --method app`)." : "(none has a phoneNumber)."));
        }

        return pool;
    }

    private static async Task<IReadOnlyList<AttackTarget>> AttackTargetsAsync(RunServices services, List<string> notes, CancellationToken ct)
    {
        var options = services.Options;
        var targets = new List<AttackTarget>();
        var users = options.Users is not null || options.UsersPath is not null
            ? await UsersAsync(options, required: true, ct).ConfigureAwait(false)
            : [];
        targets.AddRange(users.Select(u => new AttackTarget(u.Username, "user", u.Password)));
        targets.AddRange(options.Usernames.Select(u => new AttackTarget(u, "named", null)));
        var unknown = options.UnknownUsernames ?? (targets.Count == 0 ? 10 : 0);
        for (var i = 0; i < unknown; i++)
        {
            targets.Add(new AttackTarget(services.Names.UnknownUsername(), "unknown", null));
        }

        if (targets.Count == 0)
        {
            throw new LoadTestConfigurationException("attack has no target: give --users FILE, --usernames a,b or --unknown N.");
        }

        if (options.Requests is { } bound && bound < targets.Count)
        {
            notes.Add($"--requests {bound}: only the first {bound} of {targets.Count} target usernames are attacked.");
        }

        notes.Add($"Attack targets: {users.Count} users with known passwords, {options.Usernames.Count} named, {unknown} unknown. " +
                  "Each locked username stays locked for the service's lockout period (SA-10: 24 h).");
        return targets;
    }

    private static async Task<IReadOnlyList<UserAccount>> ExistingUsersAsync(LoadTestOptions options, CancellationToken ct) =>
        options.Users ?? (options.UsersPath is { } path
            ? await ReadAsync(() => UsersFile.ReadIfExistsAsync(path, ct)).ConfigureAwait(false)
            : []);

    private static async Task<IReadOnlyList<UserAccount>> UsersAsync(LoadTestOptions options, bool required, CancellationToken ct)
    {
        if (options.Users is { } given)
        {
            return Require(given, options, required);
        }

        if (options.UsersPath is not { } path)
        {
            return required
                ? throw new LoadTestConfigurationException($"{Name(options.Scenario)} needs users: --users FILE (written by `signup` or `seed`).")
                : [];
        }

        var users = required || File.Exists(path)
            ? await ReadAsync(() => UsersFile.ReadAsync(path, ct)).ConfigureAwait(false)
            : [];
        return Require(users, options, required);
    }

    private static IReadOnlyList<UserAccount> Require(IReadOnlyList<UserAccount> users, LoadTestOptions options, bool required) =>
        required && users.Count == 0
            ? throw new LoadTestConfigurationException($"{Name(options.Scenario)} needs at least one user; the users given are empty.")
            : users;

    private static async Task<T> ReadAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new LoadTestConfigurationException(e.Message, e);
        }
    }

    private static string Name(ScenarioKind kind) => kind.ToString().ToLowerInvariant();
}
