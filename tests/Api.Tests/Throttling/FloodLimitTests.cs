using System.Net;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.Throttling;

public sealed class FloodLimitFactory : ApiFactory
{
    public FloodLimitFactory() => Settings["SecureAccess:FloodLimit:PermitLimit"] = "5";
}

/// Issue 11: each gateway sheds a source's flood before any grain call, with a 429 problem.
public sealed class FloodLimitTests(FloodLimitFactory factory) : IClassFixture<FloodLimitFactory>
{
    [Fact]
    public async Task Past_the_permit_a_source_gets_429_problem_details_with_retry_after_and_others_are_unaffected()
    {
        var flooder = factory.Api();
        for (var i = 1; i <= 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await flooder.SignIn(Unique.Username("nobody"), "wrong password here")).StatusCode);

        var sixth = await flooder.SignIn(Unique.Username("nobody"), "wrong password here");
        await sixth.ShouldBeProblem(HttpStatusCode.TooManyRequests, "too_many_requests");
        Assert.NotNull(sixth.Headers.RetryAfter?.Delta);
        Assert.InRange(sixth.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.Api().SignIn(Unique.Username("nobody"), "wrong password here")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await flooder.Http.GetAsync("/health/live")).StatusCode);
    }
}
