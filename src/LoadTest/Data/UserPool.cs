namespace SecureAccess.LoadTest.Data;

/// Users available to sign in. A user is leased to one iteration at a time: two concurrent sign-ins
/// of one user would read each other's SMS code from the outbox, replay one TOTP step, or push the
/// user's failure counter toward the lockout.
public sealed class UserPool(TimeProvider clock, TimeSpan cooldown)
{
    private readonly LinkedList<PooledUser> idle = new();
    private readonly List<PooledUser> all = [];
    private readonly Lock gate = new();
    private long waits;
    private int total;

    public int Count => Volatile.Read(ref total);

    /// How many lease attempts found no eligible user and had to wait (too few users for the load).
    public long Waits => Interlocked.Read(ref waits);

    public void Add(UserAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var user = new PooledUser(account);
        lock (gate)
        {
            idle.AddLast(user);
            all.Add(user);
            total++;
        }
    }

    /// Every user ever added, with what the run learned (the last TOTP step the server accepted).
    public IReadOnlyList<UserAccount> Accounts()
    {
        lock (gate)
        {
            return all.Select(u => u.Account with
            {
                LastTotpStep = u.LastTotpStep == long.MinValue ? null : u.LastTotpStep,
                ConsecutiveFailures = u.ConsecutiveFailures == 0 ? null : u.ConsecutiveFailures,
            }).ToList();
        }
    }

    /// True when some user's state worth keeping across runs changed: a TOTP step the server
    /// accepted, or the count of failures toward the lockout.
    public bool AnyStateChanged()
    {
        lock (gate)
        {
            return all.Exists(u => u.LastTotpStep != (u.Account.LastTotpStep ?? long.MinValue) ||
                                   u.ConsecutiveFailures != (u.Account.ConsecutiveFailures ?? 0));
        }
    }

    /// Takes the first idle user that satisfies <paramref name="eligible"/>, or null. Scans from
    /// the front and releases to the back, so users are used round-robin.
    public PooledUser? TryLease(Func<PooledUser, bool> eligible)
    {
        ArgumentNullException.ThrowIfNull(eligible);
        var now = clock.GetUtcNow();
        lock (gate)
        {
            for (var node = idle.First; node is not null; node = node.Next)
            {
                var user = node.Value;
                if ((cooldown <= TimeSpan.Zero || user.LastUsed is not { } last || now - last >= cooldown) && eligible(user))
                {
                    idle.Remove(node);
                    return user;
                }
            }
        }

        return null;
    }

    /// Waits (bounded) for an eligible user, e.g. for an app user's next TOTP step.
    public async Task<PooledUser?> LeaseAsync(Func<PooledUser, bool> eligible, TimeSpan limit, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + limit;
        var delay = TimeSpan.FromMilliseconds(10);
        var waited = DateTimeOffset.UtcNow + limit;
        while (true)
        {
            if (TryLease(eligible) is { } user)
            {
                return user;
            }

            // Bounded in real time as well, in case the clock is a test's fake that does not move.
            if (clock.GetUtcNow() >= deadline || DateTimeOffset.UtcNow >= waited)
            {
                return null;
            }

            Interlocked.Increment(ref waits);
            await Task.Delay(delay, ct).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }
    }

    /// Locked users (423) leave the pool: SA-10 keeps them out for a day.
    public void Release(PooledUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.LastUsed = clock.GetUtcNow();
        lock (gate)
        {
            if (user.Locked)
            {
                total--;
                return;
            }

            idle.AddLast(user);
        }
    }

}
