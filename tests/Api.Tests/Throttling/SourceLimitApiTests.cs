using System.Net;
using System.Text.Json.Nodes;
using SecureAccess.Audit;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.Throttling;

/// Issue 11's per-source and per-recipient limits through HTTP, at their default sizes, each at
/// its edge: the last request inside the limit passes, the next one is refused.
[Collection(ApiCollection.Name)]
public sealed class SourceLimitApiTests(ApiFactory factory)
{
    private static async Task ShouldBeThrottled(HttpResponseMessage response)
    {
        await response.ShouldBeProblem(HttpStatusCode.TooManyRequests, "too_many_requests");
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After in seconds");
    }

    [Fact]
    public async Task Ten_registrations_an_hour_per_source()
    {
        var api = factory.Api();
        for (var i = 1; i <= 10; i++) await api.StartRegistration(Unique.Email());
        await ShouldBeThrottled(await api.Post("/api/v1/registrations", new JsonObject { ["email"] = Unique.Email() }));
        await factory.Api().StartRegistration(Unique.Email()); // another source is unaffected
    }

    [Fact]
    public async Task Ten_password_recoveries_an_hour_per_source_each_answering_only_a_challenge_id()
    {
        var api = factory.Api();
        for (var i = 1; i <= 10; i++)
        {
            var answer = await api.Post("/api/v1/recovery/password", new JsonObject { ["username"] = Unique.Username("nobody") });
            await answer.ShouldBe(HttpStatusCode.Accepted);
            Assert.Equal(["challengeId"], (await answer.Json()).Select(p => p.Key));
        }
        await ShouldBeThrottled(await api.Post("/api/v1/recovery/password", new JsonObject { ["username"] = Unique.Username("nobody") }));
    }

    [Fact]
    public async Task Ten_username_reminders_an_hour_per_source()
    {
        var api = factory.Api();
        for (var i = 1; i <= 10; i++)
            await (await api.Post("/api/v1/recovery/username", new JsonObject { ["email"] = Unique.Email() })).ShouldBe(HttpStatusCode.Accepted);
        await ShouldBeThrottled(await api.Post("/api/v1/recovery/username", new JsonObject { ["email"] = Unique.Email() }));
    }

    [Fact]
    public async Task Messages_past_ten_an_hour_to_one_address_are_dropped_silently_and_audited()
    {
        var user = await factory.Api().Register(People.Fresh());
        var before = (await factory.Api().Outbox(user.Email)).Count;
        for (var i = before + 1; i <= 12; i++) // each from another address, so only the recipient's limit applies
            await (await factory.Api().Post("/api/v1/recovery/username", new JsonObject { ["email"] = user.Email })).ShouldBe(HttpStatusCode.Accepted);

        // The reminders are sent after the answers (one-way, issue 11): wait for the last drop to be recorded.
        var trail = factory.Cluster.GetGrain<IAuditLogGrain>(AuditTrail.Subject(user.Email));
        for (var i = 0; i < 200 && (await trail.List()).Count(e => e.Event == "message.dropped") < 2; i++) await Task.Delay(50);
        Assert.Equal(2, (await trail.List()).Count(e => e.Event == "message.dropped"));
        Assert.Equal(10, (await factory.Api().Outbox(user.Email)).Count);
    }

    [Fact]
    public async Task An_ssn_that_failed_five_times_is_refused_with_the_same_422_even_with_the_right_data()
    {
        var person = People.Fresh();
        var wrong = person.IdentityBody();
        wrong["lastName"] = "Notthename";
        for (var i = 0; i < 5; i++)
        {
            var api = factory.Api(); // five registrations from five addresses: only the SSN's own count binds
            var id = await ConfirmedRegistration(api);
            await (await api.Post($"/api/v1/registrations/{id}/identity", wrong)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "identity_not_verified");
        }
        var late = factory.Api();
        var lastId = await ConfirmedRegistration(late);
        var refused = await late.Post($"/api/v1/registrations/{lastId}/identity", person.IdentityBody());
        await refused.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "identity_not_verified");

        var trail = await factory.Cluster.GetGrain<IAuditLogGrain>(AuditContext.RegistrationSubject(Guid.Parse(lastId))).List();
        Assert.Contains(trail, e => e.Event == AuditEvents.RegistrationIdentityRefused && e.Detail.Contains("too often", StringComparison.Ordinal));

        factory.Clock.Advance(TimeSpan.FromHours(24));
        var after = factory.Api();
        var afterId = await ConfirmedRegistration(after);
        await (await after.Post($"/api/v1/registrations/{afterId}/identity", person.IdentityBody())).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ten_identity_failures_a_day_per_source_across_registrations()
    {
        var api = factory.Api();
        for (var registration = 0; registration < 2; registration++)
        {
            var id = await ConfirmedRegistration(api);
            for (var i = 0; i < 5; i++)
            {
                var wrong = People.Fresh().IdentityBody();
                wrong["lastName"] = "Notthename";
                await (await api.Post($"/api/v1/registrations/{id}/identity", wrong)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "identity_not_verified");
            }
        }
        var third = await ConfirmedRegistration(api);
        await ShouldBeThrottled(await api.Post($"/api/v1/registrations/{third}/identity", People.Fresh().IdentityBody()));
    }

    [Fact]
    public async Task Ten_wrong_operator_keys_then_even_the_right_key_waits_and_no_key_is_logged()
    {
        var source = TestClientSource.Fresh();
        var wrongKey = "wrong-operator-key-" + Guid.NewGuid();
        var guesser = factory.Api(source);
        guesser.Http.DefaultRequestHeaders.Add("X-Operator-Key", wrongKey);
        for (var i = 1; i <= 10; i++)
            await (await guesser.Get("/api/v1/admin/audit?username=someone")).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await ShouldBeThrottled(await guesser.Get("/api/v1/admin/audit?username=someone"));

        var rightKeySameSource = factory.Api(source);
        rightKeySameSource.Http.DefaultRequestHeaders.Add("X-Operator-Key", TestSettings.OperatorKey);
        await ShouldBeThrottled(await rightKeySameSource.Get("/api/v1/admin/audit?username=someone"));

        var elsewhere = factory.Api();
        elsewhere.Http.DefaultRequestHeaders.Add("X-Operator-Key", TestSettings.OperatorKey);
        await (await elsewhere.Get("/api/v1/admin/audit?username=someone")).ShouldBe(HttpStatusCode.OK);

        Assert.Contains($"Wrong X-Operator-Key from source {source}", factory.Logs.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, factory.Logs.AllText(), StringComparison.Ordinal);
    }

    private static async Task<string> ConfirmedRegistration(SecureAccessApi api)
    {
        var email = Unique.Email();
        var id = await api.StartRegistration(email);
        await (await api.Post($"/api/v1/registrations/{id}/email/confirm", new JsonObject { ["code"] = await api.LatestCode(email) })).ShouldBe(HttpStatusCode.OK);
        return id;
    }
}
