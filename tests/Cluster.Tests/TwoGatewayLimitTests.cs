using System.Net;
using SecureAccess.Cluster.Tests.Infrastructure;
using SecureAccess.Testing;
using Xunit.Abstractions;

namespace SecureAccess.Cluster.Tests;

/// Issue 11: the per-source limits are exact across gateways — one silo, two gateway processes, the
/// default limits, one attacking source (loopback) alternating between the gateways.
public sealed class TwoGatewayLimitTests(ITestOutputHelper output) : IAsyncLifetime
{
    private LocalCluster cluster = null!;
    private SecureAccessApi first = null!, second = null!;

    public async Task InitializeAsync()
    {
        cluster = await LocalCluster.CreateAsync("two-gateway-limits");
        cluster.Unthrottled = false;
        await cluster.StartSilo();
        first = (await cluster.StartGateway()).Api;
        second = (await cluster.StartGateway()).Api;
    }

    public async Task DisposeAsync()
    {
        cluster.WriteLogsTo(output);
        await cluster.DisposeAsync();
    }

    [Fact]
    public async Task Failed_usernames_of_one_source_are_counted_once_for_both_gateways()
    {
        // Both gateways' warm-up already failed one username ("warm-up") from this source: 9 slots remain.
        var names = Enumerable.Range(0, 20).Select(_ => Unique.Username("dos")).ToList();
        var admittedNames = 0;
        var throttledBy = new int[2];
        foreach (var name in names)
        {
            var admitted = false;
            for (var i = 0; i < 5; i++)
            {
                var gateway = i % 2;
                var answer = await (gateway == 0 ? first : second).SignIn(name, "wrong password " + i);
                if (answer.StatusCode == HttpStatusCode.Unauthorized) admitted = true;
                else
                {
                    await answer.ShouldBeProblem(HttpStatusCode.TooManyRequests, "too_many_requests");
                    throttledBy[gateway]++;
                }
            }
            if (admitted) admittedNames++;
        }
        output.WriteLine($"admitted usernames {admittedNames}; 429s by gateway 1: {throttledBy[0]}, gateway 2: {throttledBy[1]}");
        Assert.Equal(9, admittedNames); // per-gateway counters would have admitted up to 18
        Assert.True(throttledBy[0] > 0 && throttledBy[1] > 0, "both gateways refuse the same source");
        await (await second.SignIn(names[0], "anything at all")).ShouldBeProblem(HttpStatusCode.Locked, "account_locked");
    }
}
