using SecureAccess.Client;
using SecureAccess.LoadTest.Api;
using SecureAccess.LoadTest.Codes;
using SecureAccess.LoadTest.Data;
using SecureAccess.LoadTest.Load;

namespace SecureAccess.LoadTest.Flows;

/// SA-9's two steps as a user does them: username + password, then the security code from the
/// phone (read from the dev outbox) or the authenticator app (computed here).
internal sealed class SignInFlow(RunServices services)
{
    /// A full sign-in; leaves the access token on the user.
    public async Task SignInAsync(IterationContext context, PooledUser user, string prefix)
    {
        await GuardAsync(user, async () =>
        {
            var (challengeId, method) = await PasswordStepAsync(context, user, prefix).ConfigureAwait(false);
            var (code, step) = await RightCodeAsync(context, user, prefix, method).ConfigureAwait(false);
            var verified = await context.CallAsync($"{prefix}.verify", ct => services.Api.VerifySignInAsync(challengeId, new CodeRequest { Code = code }, ct), Expect.Status(200)).ConfigureAwait(false);
            var token = verified.Body is { AccessToken: { Length: > 0 } issued } ? issued : throw context.Fail($"{prefix}.verify", "200 without accessToken");
            user.AccessToken = token;
            user.AccessTokenExpires = services.Clock.GetUtcNow().AddSeconds(verified.Body.ExpiresIn);
            user.ConsecutiveFailures = 0;
            if (step is { } accepted)
            {
                user.LastTotpStep = accepted;
            }
        }).ConfigureAwait(false);
    }

    /// The password step and the SMS code it sent, without verifying: a challenge kept for later
    /// (the `verify` scenario measures the verify alone). Only SMS challenges can be kept: an app
    /// user's code is good once per 30-s step, whatever the number of open challenges.
    public async Task<(Guid ChallengeId, string Code)> PrepareSmsChallengeAsync(IterationContext context, PooledUser user, string prefix)
    {
        var result = (Guid.Empty, "");
        await GuardAsync(user, async () =>
        {
            var (challengeId, method) = await PasswordStepAsync(context, user, prefix).ConfigureAwait(false);
            if (method != "sms")
            {
                throw context.Fail($"{prefix}.password", $"{user.Account.Username} got a '{method}' challenge; prepared challenges need SMS users (--method sms)");
            }

            var (code, _) = await RightCodeAsync(context, user, prefix, method).ConfigureAwait(false);
            result = (challengeId, code);
        }).ConfigureAwait(false);
        return result;
    }

    /// A deliberate wrong password: the server must answer 401 invalid_credentials.
    public async Task WrongPasswordAsync(IterationContext context, PooledUser user, string prefix)
    {
        await GuardAsync(user, async () =>
        {
            await context.CallAsync($"{prefix}.password",
                ct => services.Api.SignInAsync(new UsernamePasswordRequest { Username = user.Account.Username, Password = user.Account.Password + "-wrong" }, ct),
                Expect.Problem(401, "invalid_credentials")).ConfigureAwait(false);
            user.ConsecutiveFailures++;
        }).ConfigureAwait(false);
    }

    /// The right password, then a code that cannot be right: the server must answer 401 invalid_code.
    public async Task WrongCodeAsync(IterationContext context, PooledUser user, string prefix)
    {
        await GuardAsync(user, async () =>
        {
            var (challengeId, method) = await PasswordStepAsync(context, user, prefix).ConfigureAwait(false);
            string wrong;
            if (method == "app")
            {
                var totp = user.Totp ?? throw context.Fail($"{prefix}.password", $"challenge method app but {user.Account.Username} has no TOTP secret in the users file");
                wrong = totp.WrongCodeNear(TotpGenerator.StepAt(services.Clock.GetUtcNow()));
            }
            else
            {
                // Reading the real code guarantees the one sent differs from it.
                var (right, _) = await RightCodeAsync(context, user, prefix, method).ConfigureAwait(false);
                wrong = WrongCode.Avoiding([right], right.Length);
            }

            await context.CallAsync($"{prefix}.verify", ct => services.Api.VerifySignInAsync(challengeId, new CodeRequest { Code = wrong }, ct),
                Expect.Problem(401, "invalid_code")).ConfigureAwait(false);
            user.ConsecutiveFailures++;
        }).ConfigureAwait(false);
    }

    private async Task<(Guid ChallengeId, string Method)> PasswordStepAsync(IterationContext context, PooledUser user, string prefix)
    {
        var step = $"{prefix}.password";
        var answer = await context.CallAsync(step, ct => services.Api.SignInAsync(new UsernamePasswordRequest { Username = user.Account.Username, Password = user.Account.Password }, ct), Expect.Status(200)).ConfigureAwait(false);
        var challenge = answer.Body ?? throw context.Fail(step, "200 without challengeId");
        if (challenge.PasswordChangeRequired)
        {
            throw context.Fail(step, $"{user.Account.Username} must change a temporary password first (SA-12); the users file does not match the server");
        }

        return (challenge.ChallengeId, challenge.Method ?? "");
    }

    private async Task<(string Code, long? TotpStep)> RightCodeAsync(IterationContext context, PooledUser user, string prefix, string method)
    {
        switch (method)
        {
            case "sms":
                var phone = user.Account.PhoneNumber ?? throw context.Fail($"{prefix}.password", $"challenge method sms but {user.Account.Username} has no phone in the users file");
                var message = await services.Outbox.WaitForNewAsync(context, $"{prefix}.outbox", phone, OutboxMessage.Sms, user.LastSms).ConfigureAwait(false);
                user.LastSms = message;
                return (message.Code!, null);
            case "app":
                var totp = user.Totp ?? throw context.Fail($"{prefix}.password", $"challenge method app but {user.Account.Username} has no TOTP secret in the users file");
                var step = TotpGenerator.StepAt(services.Clock.GetUtcNow());
                if (step <= user.LastTotpStep)
                {
                    throw context.Fail($"{prefix}.password", $"TOTP step {step} of {user.Account.Username} was already used; the server would refuse it as a replay");
                }

                return (totp.CodeForStep(step), step);
            default:
                throw context.Fail($"{prefix}.password", $"unknown challenge method '{method}'");
        }
    }

    /// An unexpected answer may still have counted toward the user's lockout: assume it did, and
    /// take a locked user out of circulation.
    private static async Task GuardAsync(PooledUser user, Func<Task> flow)
    {
        try
        {
            await flow().ConfigureAwait(false);
        }
        catch (FlowFailedException e)
        {
            user.ConsecutiveFailures++;
            if (e.Response?.Status == 423)
            {
                user.Locked = true;
            }

            throw;
        }
    }
}
