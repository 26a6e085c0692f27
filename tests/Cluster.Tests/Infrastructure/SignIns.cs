using System.Net;
using System.Text.Json.Nodes;
using SecureAccess.Testing;

namespace SecureAccess.Cluster.Tests.Infrastructure;

/// What one attempt at a full sign-in (password, then the SMS code) came to.
public enum SignInResult { SignedIn, Failed, CodeLostWithOutbox }

public sealed record SignInAttemptReport(SignInResult Result, TimeSpan Took, string Detail);

public static class SignIns
{
    /// Password, then the newest SMS code from the dev outbox, then the code check. A failure is any
    /// answer other than success, or no answer at all. The dev outbox keeps codes in a silo's memory
    /// (it never writes them to storage), so a code sent just before its silo stopped can be gone:
    /// that is reported apart (CodeLostWithOutbox) — a real SMS would have reached the phone.
    public static async Task<SignInAttemptReport> Attempt(SecureAccessApi api, RegisteredUser user)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var before = await NewestSms(api, user.Phone);
            var challenge = await api.SignIn(user.Username, user.Password);
            if (challenge.StatusCode != HttpStatusCode.OK)
                return new(SignInResult.Failed, clock.Elapsed, $"password step: {(int)challenge.StatusCode} {await challenge.Content.ReadAsStringAsync()}");
            var challengeId = (string)(await challenge.Json())["challengeId"]!;

            JsonNode? sms = null;
            for (var wait = System.Diagnostics.Stopwatch.StartNew(); wait.Elapsed < TimeSpan.FromSeconds(3); await Task.Delay(50))
            {
                sms = await NewestSms(api, user.Phone);
                if (sms is not null && (before is null || (string)sms["sentAt"]! != (string)before["sentAt"]!)) break;
                sms = null;
            }
            if (sms is null) return new(SignInResult.CodeLostWithOutbox, clock.Elapsed, "no new SMS code in the dev outbox");

            var verified = await api.Post($"/api/v1/sessions/{challengeId}/verify", new JsonObject { ["code"] = (string)sms["code"]! });
            return verified.StatusCode == HttpStatusCode.OK
                ? new(SignInResult.SignedIn, clock.Elapsed, "")
                : new(SignInResult.Failed, clock.Elapsed, $"code step: {(int)verified.StatusCode} {await verified.Content.ReadAsStringAsync()}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new(SignInResult.Failed, clock.Elapsed, $"no answer: {e.GetType().Name}: {e.Message}");
        }
    }

    private static async Task<JsonNode?> NewestSms(SecureAccessApi api, string phone)
    {
        var messages = await api.Outbox(phone);
        return messages.LastOrDefault(m => (string?)m!["channel"] == "sms");
    }
}
