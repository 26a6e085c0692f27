using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SecureAccess.Gateway.Operators;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.HelpDesk;

/// API.md "Help desk and operators": keys and roles; SA-10: nothing unlocks a username.
[Collection(HelpDeskCollection.Name)]
public sealed partial class OperatorAccessTests(HelpDeskFactory factory)
{
    private readonly SecureAccessApi _api = factory.Api();

    /// Every route that takes an operator key, with the role it needs.
    private IReadOnlyList<(string Method, string Pattern, string Role)> OperatorRoutes() =>
        [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<OperatorRequirement>() is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'), e.Metadata.GetMetadata<OperatorRequirement>()!.Role)))];

    private static HttpRequestMessage Request(string method, string pattern, string username, string? key)
    {
        var path = RouteParameter().Replace(pattern, m => m.Groups[1].Value == "username" ? username : Guid.NewGuid().ToString());
        if (method == "GET") path += $"?username={username}&status=pending";
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET")
        {
            request.Content = new StringContent(new JsonObject
            {
                ["username"] = username, ["assistorId"] = "assistor-sweep", ["office"] = "TAC sweep",
                ["checks"] = new JsonObject { ["emailAccess"] = true, ["currentYearReturn"] = true, ["priorYearReturn"] = true },
                ["documents"] = new JsonArray(new JsonObject { ["type"] = "passport", ["number"] = "P1234567" }, new JsonObject { ["type"] = "state_id", ["number"] = "S7654321" }),
                ["accounts"] = new JsonArray(),
            }.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        }
        if (key is not null) request.Headers.Add(OperatorAuthentication.Header, key);
        return request;
    }

    [Fact] // API.md: missing or wrong key 401 unauthorized; a key without the role 403 forbidden — on every operator route
    public async Task Every_operator_route_refuses_a_missing_or_wrong_key_and_a_key_without_its_role()
    {
        var routes = OperatorRoutes();
        Assert.Contains(routes, r => r.Pattern == "/api/v1/admin/existing-accounts" && r.Role == OperatorRoles.Operator);
        Assert.Contains(routes, r => r.Pattern == "/api/v1/admin/audit" && r.Role == OperatorRoles.Operator);
        Assert.Contains(routes, r => r.Pattern == "/api/v1/helpdesk/users/{username}" && r.Role == OperatorRoles.Assistor);
        Assert.Contains(routes, r => r.Pattern == "/api/v1/helpdesk/exception-registrations" && r.Role == OperatorRoles.Assistor);
        Assert.Contains(routes, r => r.Pattern == "/api/v1/helpdesk/in-person-verifications" && r.Role == OperatorRoles.Assistor);

        var client = factory.CreateClient();
        foreach (var (method, pattern, role) in routes)
        {
            var withoutRole = role == OperatorRoles.Operator ? TestSettings.AssistorKey : HelpDeskFactory.OperatorOnlyKey;
            await (await client.SendAsync(Request(method, pattern, "someone", null))).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
            await (await client.SendAsync(Request(method, pattern, "someone", "not-a-key-but-long-enough-to-look-like-one"))).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
            await (await client.SendAsync(Request(method, pattern, "someone", withoutRole))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        }
    }

    [Fact] // SA-10: no route unlocks, and a locked username stays locked whatever the operators and the help desk call
    public async Task No_route_unlocks_and_a_locked_user_stays_locked_after_every_admin_and_help_desk_call()
    {
        var allRoutes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText ?? "").ToList();
        Assert.NotEmpty(allRoutes);
        Assert.DoesNotContain(allRoutes, r => r.Contains("unlock", StringComparison.OrdinalIgnoreCase));

        var user = await _api.Register(People.Fresh());
        for (var i = 0; i < 5; i++) await _api.SignIn(user.Username, "wrong password number " + i);
        var lockedUntil = (string?)(await factory.HelpDeskView(user.Username))["lockedUntil"];
        Assert.NotNull(lockedUntil);

        var client = factory.CreateClient();
        foreach (var (method, pattern, _) in OperatorRoutes())
        {
            var response = await client.SendAsync(Request(method, pattern, user.Username, TestSettings.OperatorKey));
            Assert.True((int)response.StatusCode < 500, $"{method} {pattern}: {(int)response.StatusCode}");
        }

        await (await _api.SignIn(user.Username, user.Password)).ShouldBeProblem(HttpStatusCode.Locked, "account_locked");
        Assert.Equal(lockedUntil, (string?)(await factory.HelpDeskView(user.Username))["lockedUntil"]);
    }

    [Fact] // fixtures/README.md "Operators": Production refuses to start with the development key
    public void Production_refuses_to_start_with_the_development_operator_key()
    {
        var problems = StartupCheckRun.Problems("Production", new() { ["Operators:Keys:0:Key"] = "DEVELOPMENT-ONLY:dev-operator-0123456789abcdef0123456789abcdef", ["Operators:Keys:0:Roles"] = "operator" });
        Assert.Contains("Operators:Keys:0:Key is the shipped DEVELOPMENT-ONLY operator key, allowed only in Development.", problems);
    }

    [Fact] // a short operator key is refused at start-up (keys are secrets, not passwords), in any environment
    public void An_operator_key_shorter_than_32_characters_refuses_to_start()
    {
        var problems = StartupCheckRun.Problems("Development", new() { ["Operators:Keys:0:Key"] = "short-key", ["Operators:Keys:0:Roles"] = "operator" });
        Assert.Contains(problems, p => p.StartsWith("Operators:Keys:0:Key is shorter than 32 characters", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\{([a-zA-Z]+)(?::[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
