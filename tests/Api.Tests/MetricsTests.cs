using System.Net;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests;

/// Issue 13: the Prometheus endpoint and the Orleans Dashboard are an operator's; the endpoint shows the service's own instruments
/// (meter "SecureAccess.SignIn") next to ASP.NET Core's and Orleans'.
[Collection(ApiCollection.Name)]
public sealed class MetricsTests(ApiFactory factory)
{
    private readonly SecureAccessApi _api = factory.Api();

    [Fact]
    public async Task The_metrics_endpoint_needs_an_operator_key()
    {
        await (await _api.Get("/metrics")).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await (await Scrape("wrong-key-wrong-key-wrong-key-wrong-key")).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await (await Scrape(TestSettings.AssistorKey)).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/index.html")]
    public async Task The_orleans_dashboard_needs_an_operator_key(string path)
    {
        await (await _api.Get(path)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await (await Scrape(TestSettings.AssistorKey, path)).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        var page = await Scrape(TestSettings.OperatorKey, path);
        await page.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact] // without a key nothing under /dashboard answers but 401, not even "no such page"
    public async Task Without_a_key_no_dashboard_path_tells_whether_it_exists()
    {
        foreach (var path in new[] { "/dashboard/no-such-page", "/dashboard/Reminders/not-a-number", "/dashboard" })
            await (await _api.Get(path)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task After_a_sign_in_the_metrics_endpoint_exposes_the_named_instruments()
    {
        var user = await _api.Register(People.Ada);
        await (await _api.SignIn(user.Username, "not the password at all")).ShouldBeProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
        await _api.SignInFully(user);
        var unknown = Unique.Username("nobody"); // SA-11: an unknown name locks like a known one
        for (var i = 0; i < 5; i++) await _api.SignIn(unknown, "some wrong password");
        await (await _api.SignIn(unknown, "some wrong password")).ShouldBeProblem(HttpStatusCode.Locked, "account_locked");

        var response = await Scrape(TestSettings.OperatorKey);
        await response.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("secure_access_sign_in_started_total", text);
        Assert.Contains("secure_access_sign_in_completed_total{", text);
        Assert.Matches("secure_access_sign_in_failed_total\\{[^}]*reason=\"invalid_credentials\"", text);
        Assert.Contains("secure_access_lockout_locks_set_total", text);
        Assert.Matches("secure_access_sign_in_failed_total\\{[^}]*reason=\"account_locked\"", text);
        Assert.Contains("http_server_request_duration_seconds", text); // ASP.NET Core
        Assert.Contains("orleans_", text);                             // Orleans
        Assert.DoesNotContain(user.Username, text);                    // no user in a label
    }

    private Task<HttpResponseMessage> Scrape(string key, string path = "/metrics")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Operator-Key", key);
        return _api.Http.SendAsync(request);
    }
}
