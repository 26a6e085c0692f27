using System.Net;
using SecureAccess.Testing;
using SecureAccess.Users;

namespace SecureAccess.Api.Tests.Throttling;

/// A gateway whose hashing queue admits nothing (QueueLimit 0): every password attempt is shed.
public sealed class NoHashingRoomFactory : ApiFactory
{
    public NoHashingRoomFactory() => Settings["SecureAccess:PasswordHashing:QueueLimit"] = "0";
}

/// Issue 11: when the hashing queue is full, a password attempt answers 503 service_unavailable with
/// Retry-After, and counts toward no lock (neither the username's nor the source's damper).
public sealed class OverloadTests(NoHashingRoomFactory factory) : IClassFixture<NoHashingRoomFactory>
{
    [Fact]
    public async Task A_shed_attempt_is_a_503_with_retry_after_and_counts_nothing()
    {
        var api = factory.Api();
        var name = Unique.Username("nobody");
        for (var i = 0; i < 24; i++) // past the lockout threshold, and 13 names: past the source's 10 failed names
        {
            var answer = await api.SignIn(i % 2 == 0 ? name : Unique.Username("other"), "some wrong password");
            await answer.ShouldBeProblem(HttpStatusCode.ServiceUnavailable, "service_unavailable");
            Assert.Equal(TimeSpan.FromSeconds(2), answer.Headers.RetryAfter?.Delta);
        }
        var summary = await factory.Cluster.GetGrain<IUserGrain>(UsernamePolicy.Normalize(name)).GetSummary();
        Assert.Equal(0, summary.FailedAttempts);
        Assert.Null(summary.LockedUntil);
    }
}
