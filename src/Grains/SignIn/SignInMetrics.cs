using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SecureAccess.SignIn;

/// Meter "SecureAccess.SignIn" (issue 13): what an operator watches of SA-9/SA-10. Counted by the user
/// grain, where the outcome is decided, and nowhere else, so a count is never doubled by a retry at
/// the gateway. Tags carry a reason or a method, never a username.
public sealed class SignInMetrics
{
    public const string MeterName = "SecureAccess.SignIn";

    private readonly Counter<long> _started;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _locks;

    public SignInMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _started = meter.CreateCounter<long>("secure_access.sign_in.started", "{sign-in}", "Password steps begun (SA-9).");
        _completed = meter.CreateCounter<long>("secure_access.sign_in.completed", "{sign-in}", "Two-factor sign-ins completed: a session was opened.");
        _failed = meter.CreateCounter<long>("secure_access.sign_in.failed", "{sign-in}", "Sign-in steps refused, by reason (invalid_credentials, invalid_code, locked, …).");
        _locks = meter.CreateCounter<long>("secure_access.lockout.locks_set", "{lock}", "Accounts locked after consecutive failures (SA-10).");
    }

    public void Started() => _started.Add(1);

    public void Completed(string method) => _completed.Add(1, new TagList { { "method", method } });

    public void Failed(string reason, string step) => _failed.Add(1, new TagList { { "reason", reason }, { "step", step } });

    public void LockSet() => _locks.Add(1);
}
