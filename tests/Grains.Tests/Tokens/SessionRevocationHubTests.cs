using System.Collections.Concurrent;
using SecureAccess.SignIn;
using SecureAccess.Testing;
using SecureAccess.Tokens;
using SecureAccess.Users;

namespace SecureAccess.Grains.Tests.Tokens;

/// Issue 13: revocations fan out to subscribed gateways; a renewal says whether the subscription held.
[Collection(ClusterCollection.Name)]
public sealed class SessionRevocationHubTests(ClusterFixture fixture)
{
    private sealed class Listener : ISessionRevocationObserver
    {
        public BlockingCollection<string> Received { get; } = [];

        public Task Revoked(SessionsRevoked revocation)
        {
            Received.Add(revocation.Username);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_subscriber_learns_of_each_revocation_and_its_renewals_say_the_subscription_held()
    {
        var hub = fixture.Client.GetGrain<ISessionRevocationHubGrain>(Random.Shared.NextInt64(1, long.MaxValue));
        var listener = new Listener();
        var reference = fixture.Client.CreateObjectReference<ISessionRevocationObserver>(listener);

        Assert.False(await hub.Subscribe(reference)); // new: it may have missed earlier ones
        Assert.True(await hub.Subscribe(reference));
        await hub.Publish(new SessionsRevoked("alice"));
        Assert.True(listener.Received.TryTake(out var username, TimeSpan.FromSeconds(10)));
        Assert.Equal("alice", username);
        Assert.True(await hub.Subscribe(reference));
    }

    [Fact]
    public async Task A_user_grain_that_ends_a_session_publishes_the_revocation_to_the_gateways()
    {
        var (username, phone) = await new Registrar(fixture).Complete(People.Fresh());
        var user = fixture.Client.GetGrain<IUserGrain>(username);
        var challenge = Registrar.Ok(await user.BeginSignIn(Registrar.Password));
        var session = Registrar.Ok(await fixture.Client.GetGrain<ISignInChallengeGrain>(challenge.ChallengeId).Verify(await fixture.LatestCode(phone)));

        var listener = new Listener();
        await fixture.Client.GetGrain<ISessionRevocationHubGrain>(0).Subscribe(fixture.Client.CreateObjectReference<ISessionRevocationObserver>(listener));
        await user.EndSession(session.SessionId);

        // Other tests of the collection may end sessions too; this user's revocation must be among what arrives.
        var seen = new List<string>();
        while (!seen.Contains(username) && listener.Received.TryTake(out var received, TimeSpan.FromSeconds(10))) seen.Add(received);
        Assert.Contains(username, seen);
    }
}
