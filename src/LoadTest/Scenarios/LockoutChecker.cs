using System.Globalization;

namespace SecureAccess.LoadTest.Scenarios;

/// One sign-in attempt of an attack sequence, as answered.
public sealed record LockoutAttempt(int Number, bool RightPassword, int Status, string? Code, bool HasLockedUntil = true, bool HasRetryAfter = true);

/// What a sequence shows about the lock: the attempt that first answered 423, and every way the
/// answers departed from SA-10 (API.md: 401 invalid_credentials, then 423 account_locked with
/// `lockedUntil` and `Retry-After`).
public sealed record LockoutVerdict(int? LockedAtAttempt, IReadOnlyList<string> Violations, string? Inconclusive)
{
    public bool Ok => Violations.Count == 0 && Inconclusive is null;
}

/// SA-10 as a check on answers alone: with threshold T, wrong attempts 1..T answer 401
/// invalid_credentials, attempt T+1 is the first 423 account_locked, and every attempt after it,
/// even with the right password, answers 423 too.
public static class LockoutChecker
{
    public static LockoutVerdict Check(int threshold, IReadOnlyList<LockoutAttempt> attempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        ArgumentNullException.ThrowIfNull(attempts);
        var violations = new List<string>();
        int? lockedAt = null;
        string? inconclusive = null;
        var c = CultureInfo.InvariantCulture;

        foreach (var attempt in attempts)
        {
            var n = attempt.Number;
            var answer = Describe(attempt);
            var what = attempt.RightPassword ? "right password" : "wrong password";

            if (attempt.Status == 429)
            {
                // A rate limiter answered instead of the lockout logic: the rest proves nothing.
                inconclusive = string.Create(c, $"attempt {n} was rate-limited (429); the lock could not be observed");
                break;
            }

            var locked = attempt.Status == 423 && attempt.Code == "account_locked";
            if (locked)
            {
                if (!attempt.HasLockedUntil)
                {
                    violations.Add(string.Create(c, $"attempt {n}: 423 without lockedUntil"));
                }

                if (!attempt.HasRetryAfter)
                {
                    violations.Add(string.Create(c, $"attempt {n}: 423 without a Retry-After header"));
                }
            }

            if (lockedAt is null)
            {
                if (locked)
                {
                    lockedAt = n;
                    if (n != threshold + 1)
                    {
                        violations.Add(string.Create(c, $"locked at attempt {n} after {n - 1} failures; expected the first 423 at attempt {threshold + 1} after {threshold}"));
                    }
                }
                else if (attempt.Status == 401 && attempt.Code == "invalid_credentials" && !attempt.RightPassword)
                {
                    if (n > threshold)
                    {
                        violations.Add(string.Create(c, $"attempt {n} ({what}) answered {answer} after {n - 1} failures; expected 423 account_locked"));
                    }
                }
                else
                {
                    violations.Add(string.Create(c, $"attempt {n} ({what}) answered {answer}; expected {(n > threshold ? "423 account_locked" : "401 invalid_credentials")}"));
                }
            }
            else if (!locked)
            {
                violations.Add(string.Create(c, $"attempt {n} ({what}) answered {answer} after the lock engaged at attempt {lockedAt}; the lock must hold"));
            }
        }

        if (lockedAt is null && inconclusive is null && attempts.Count > threshold)
        {
            violations.Add(string.Create(c, $"never locked in {attempts.Count} attempts"));
        }

        return new LockoutVerdict(lockedAt, violations, inconclusive);
    }

    private static string Describe(LockoutAttempt attempt) =>
        attempt.Code is null
            ? attempt.Status.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{attempt.Status} {attempt.Code}");
}
