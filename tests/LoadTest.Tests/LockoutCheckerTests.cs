using SecureAccess.LoadTest.Scenarios;

namespace SecureAccess.LoadTest.Tests;

public class LockoutCheckerTests
{
    private const int Threshold = 5;

    [Fact] // SA-10
    public void Five_401s_then_423s_even_for_the_right_password_is_a_lock_that_engaged_and_held()
    {
        var verdict = LockoutChecker.Check(Threshold, Sequence("401 401 401 401 401 423 423 423 R423"));

        Assert.True(verdict.Ok, string.Join("; ", verdict.Violations));
        Assert.Equal(6, verdict.LockedAtAttempt);
    }

    [Fact] // SA-10
    public void A_lock_after_four_failures_engaged_too_early()
    {
        var verdict = LockoutChecker.Check(Threshold, Sequence("401 401 401 401 423 423 423 423"));

        Assert.Equal(5, verdict.LockedAtAttempt);
        Assert.Contains(verdict.Violations, v => v.Contains("locked at attempt 5 after 4 failures", StringComparison.Ordinal));
    }

    [Fact] // SA-10
    public void A_sixth_401_means_the_lock_engaged_too_late()
    {
        var verdict = LockoutChecker.Check(Threshold, Sequence("401 401 401 401 401 401 423 423"));

        Assert.Equal(7, verdict.LockedAtAttempt);
        Assert.Contains(verdict.Violations, v => v.Contains("attempt 6 (wrong password) answered 401 invalid_credentials", StringComparison.Ordinal));
        Assert.Contains(verdict.Violations, v => v.Contains("locked at attempt 7", StringComparison.Ordinal));
    }

    [Fact] // SA-10: while locked, even the right password is refused
    public void The_right_password_getting_in_after_the_lock_is_a_lock_that_did_not_hold()
    {
        var verdict = LockoutChecker.Check(Threshold, Sequence("401 401 401 401 401 423 423 423 R200"));

        Assert.Equal(6, verdict.LockedAtAttempt);
        var violation = Assert.Single(verdict.Violations);
        Assert.Contains("attempt 9 (right password) answered 200 after the lock engaged at attempt 6", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_password_answered_401_between_423s_is_a_lock_that_did_not_hold()
    {
        var verdict = LockoutChecker.Check(Threshold, Sequence("401 401 401 401 401 423 401 423"));

        Assert.Single(verdict.Violations);
        Assert.False(verdict.Ok);
    }

    [Fact]
    public void Never_locking_is_a_violation()
    {
        var verdict = LockoutChecker.Check(Threshold, Sequence("401 401 401 401 401 401 401 401"));

        Assert.Null(verdict.LockedAtAttempt);
        Assert.Contains(verdict.Violations, v => v.Contains("never locked in 8 attempts", StringComparison.Ordinal));
    }

    [Fact]
    public void Server_errors_and_odd_codes_are_violations()
    {
        var attempts = new List<LockoutAttempt>
        {
            new(1, false, 401, "invalid_credentials"),
            new(2, false, 500, null),
            new(3, false, 401, "invalid_code"),
            new(4, false, 0, "timeout"),
        };

        var verdict = LockoutChecker.Check(3, attempts);

        Assert.Equal(4, verdict.Violations.Count);
    }

    [Fact]
    public void A_423_without_lockedUntil_or_Retry_After_breaks_the_API_contract()
    {
        var attempts = Sequence("401 401 401 401 401").Append(new LockoutAttempt(6, false, 423, "account_locked", HasLockedUntil: false, HasRetryAfter: false)).ToList();

        var verdict = LockoutChecker.Check(Threshold, attempts);

        Assert.Equal(6, verdict.LockedAtAttempt);
        Assert.Equal(2, verdict.Violations.Count);
    }

    [Fact]
    public void Rate_limiting_makes_the_sequence_inconclusive_not_a_violation()
    {
        var verdict = LockoutChecker.Check(Threshold, Sequence("401 401 429 401"));

        Assert.Empty(verdict.Violations);
        Assert.NotNull(verdict.Inconclusive);
        Assert.False(verdict.Ok);
    }

    [Fact]
    public void The_threshold_is_a_parameter()
    {
        Assert.True(LockoutChecker.Check(3, Sequence("401 401 401 423 R423")).Ok);
        Assert.False(LockoutChecker.Check(3, Sequence("401 401 401 401 423")).Ok);
        Assert.True(LockoutChecker.Check(1, Sequence("401 423")).Ok);
    }

    /// "401 401 423 R423": statuses in order, R marking the right password.
    private static List<LockoutAttempt> Sequence(string answers) =>
        answers.Split(' ').Select((a, i) =>
        {
            var right = a.StartsWith('R');
            var status = int.Parse(a.TrimStart('R'), System.Globalization.CultureInfo.InvariantCulture);
            var code = status switch
            {
                401 => "invalid_credentials",
                423 => "account_locked",
                429 => "too_many_requests",
                _ => null,
            };
            return new LockoutAttempt(i + 1, right, status, code);
        }).ToList();
}
