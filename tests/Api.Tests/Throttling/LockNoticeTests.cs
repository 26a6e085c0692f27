using System.Net;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.Throttling;

/// Issue 11: when a known username gets locked, its owner is emailed once per lock, with the time
/// it unlocks and no unlock link (SA-10).
[Collection(ApiCollection.Name)]
public sealed class LockNoticeTests(ApiFactory factory)
{
    [Fact]
    public async Task The_owner_of_a_locked_username_is_emailed_once_with_the_unlock_time()
    {
        var api = factory.Api();
        var user = await api.Register(People.Fresh());
        var before = (await api.Outbox(user.Email)).Count;
        for (var i = 0; i < 4; i++) await api.SignIn(user.Username, "not the password " + i);
        Assert.Equal(before, (await api.Outbox(user.Email)).Count); // four failures: no lock, no notice

        await (await api.SignIn(user.Username, "the fifth wrong one")).ShouldBeProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
        var locked = await api.SignIn(user.Username, user.Password);
        await locked.ShouldBeProblem(HttpStatusCode.Locked, "account_locked");
        for (var i = 0; i < 3; i++) await api.SignIn(user.Username, "more while locked " + i);

        // The notice leaves after the fifth failure's answer (LockNoticeTimingTests): wait for it, then
        // check that the attempts refused while locked added no second one.
        await api.NextMessage(user.Email, before);
        var notices = (await api.Outbox(user.Email)).Skip(before).ToList();
        var notice = Assert.Single(notices);
        var body = (string)notice!["body"]!;
        var until = DateTimeOffset.Parse((string)(await locked.Json())["lockedUntil"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(until.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
        Assert.DoesNotContain("http", body, StringComparison.OrdinalIgnoreCase);
    }
}
