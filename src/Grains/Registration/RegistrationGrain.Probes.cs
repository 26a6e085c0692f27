using SecureAccess.Common;
using SecureAccess.Throttling;

namespace SecureAccess.Registration;

/// Issue 11: "username taken" (choose credentials) and "phone in use" (add phone) tell whether an
/// account exists. They stay honest answers (a person must pick another), but each registration and
/// each source may get only a few: past either limit the step answers 429 with Retry-After before
/// any lookup (and before the password is hashed).
public sealed partial class RegistrationGrain
{
    private ISourceLimitGrain? SourceLimits =>
        ThrottleContext.Current is { } source ? GrainFactory.GetGrain<ISourceLimitGrain>(source) : null;

    private async Task<Failure?> ProbeRefused()
    {
        var now = clock.GetUtcNow();
        var options = registrationOptions.Value;
        Registration.ProbeAnswers.RemoveAll(at => now - at >= options.ProbeWindow);
        if (Registration.ProbeAnswers.Count >= options.MaxProbeAnswers)
        {
            var wait = Registration.ProbeAnswers.Min() + options.ProbeWindow - now;
            return Failure.Throttled("Too many usernames or numbers already in use were tried in this registration; wait before trying again.",
                wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1));
        }
        return SourceLimits is { } limits ? (await limits.Check(SourceLimit.RegistrationProbes)).Failure : null;
    }

    private async Task<Failure> ProbeAnswered(Failure answer)
    {
        Registration.ProbeAnswers.Add(clock.GetUtcNow());
        await state.WriteStateAsync();
        if (SourceLimits is { } limits) await limits.Record(SourceLimit.RegistrationProbes);
        return answer;
    }
}
