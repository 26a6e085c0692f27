using System.Collections.Concurrent;
using System.Net;
using SecureAccess.Testing;
using SecureAccess.Users;

namespace SecureAccess.Api.Tests.Throttling;

/// A gateway with a cheap Argon2id (the test is about counting, not hashing cost), the grains'
/// per-source limits at their defaults, and the per-gateway flood limiter off (tested on its own).
public sealed class LockoutDosFactory : ApiFactory
{
    public LockoutDosFactory()
    {
        Settings["SecureAccess:PasswordHashing:MemoryKiB"] = "1024";
        Settings["SecureAccess:PasswordHashing:Iterations"] = "1";
        Settings["SecureAccess:SourceLimits:SignInAttempts"] = "1000000";
        Settings["SecureAccess:FloodLimit:PermitLimit"] = "0";
    }
}

/// Issue 11's lockout-DoS test: one source tries 5 wrong passwords on each of 1,000 usernames (200
/// real). Before the damper every one of them was locked (SA-10 counts every failure); now at most
/// SourceLimits:FailedUsernamesPerHour a hour and FailedUsernamesPerDay a day are, the rest get 429
/// without a failure counted, and real users signing in from elsewhere are unaffected.
public sealed class LockoutDosTests(LockoutDosFactory factory) : IClassFixture<LockoutDosFactory>
{
    private const int PerHour = 10, PerDay = 30;
    private const string Attacker = "203.0.113.66";

    [Fact]
    public async Task One_source_locks_at_most_the_configured_usernames_and_real_users_elsewhere_are_unaffected()
    {
        var real = new ConcurrentBag<RegisteredUser>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (_, _) => real.Add(await factory.Api().Register(People.Fresh())));
        var names = real.Select(u => u.Username).Concat(Enumerable.Range(0, 800).Select(_ => Unique.Username("nobody")))
            .OrderBy(_ => Random.Shared.Next()).ToList();

        var attacker = factory.Api(Attacker);
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (name, _) =>
        {
            for (var i = 0; i < 5; i++)
                statuses.AddOrUpdate((await attacker.SignIn(name, $"wrong guess {i} for you")).StatusCode, 1, (_, n) => n + 1);
        });

        Assert.Equal(PerHour * 5, statuses.GetValueOrDefault(HttpStatusCode.Unauthorized));
        Assert.Equal(5000 - PerHour * 5, statuses.GetValueOrDefault(HttpStatusCode.TooManyRequests));
        Assert.Equal(PerHour, await CountLocked(names));
        Assert.Equal(5000, statuses.Values.Sum());

        // Real users sign in from their own addresses: only those among the locked names are refused.
        var lockedReal = 0;
        await Parallel.ForEachAsync(real, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (user, _) =>
        {
            var answer = await factory.Api().SignIn(user.Username, user.Password);
            if (answer.StatusCode == HttpStatusCode.Locked) Interlocked.Increment(ref lockedReal);
            else Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        });
        Assert.InRange(lockedReal, 0, PerHour);

        // Hour after hour the source gets 10 more, until the day's 30; then nothing more all day.
        for (var hour = 1; hour <= 4; hour++)
        {
            factory.Clock.Advance(TimeSpan.FromHours(1));
            foreach (var name in names)
                for (var i = 0; i < 5; i++)
                    if ((await attacker.SignIn(name, $"wrong guess {i} for you")).StatusCode != HttpStatusCode.Unauthorized) break;
            Assert.Equal(Math.Min(PerHour * (hour + 1), PerDay), await CountLocked(names));
        }
    }

    private async Task<int> CountLocked(IEnumerable<string> names)
    {
        var locked = 0;
        foreach (var name in names)
            if ((await factory.Cluster.GetGrain<IUserGrain>(UsernamePolicy.Normalize(name)).GetSummary()).LockedUntil is not null) locked++;
        return locked;
    }
}
