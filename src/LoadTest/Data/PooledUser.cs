using SecureAccess.LoadTest.Api;
using SecureAccess.LoadTest.Codes;

namespace SecureAccess.LoadTest.Data;

/// A user and what the tool learned about it while running. Touched only by the iteration that
/// holds its lease.
public sealed class PooledUser(UserAccount account)
{
    private TotpGenerator? totp;

    public UserAccount Account { get; } = account;

    public long LastTotpStep { get; set; } = account.LastTotpStep ?? long.MinValue;

    /// Failed sign-ins since the last success, as the server counts them toward SA-10's lockout.
    public int ConsecutiveFailures { get; set; } = account.ConsecutiveFailures ?? 0;

    public bool Locked { get; set; }

    /// The newest SMS already used, so the next code read is a fresh one.
    public OutboxMessage? LastSms { get; set; }

    public string? AccessToken { get; set; }

    public DateTimeOffset AccessTokenExpires { get; set; }

    public DateTimeOffset? LastUsed { get; set; }

    public TotpGenerator? Totp =>
        totp ??= string.IsNullOrEmpty(Account.TotpSecret) ? null : TotpGenerator.FromBase32(Account.TotpSecret);

    public bool HasTokenValidAt(DateTimeOffset now) => AccessToken is not null && AccessTokenExpires > now.AddSeconds(5);
}
