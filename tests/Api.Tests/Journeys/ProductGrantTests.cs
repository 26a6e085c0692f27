using System.Net;
using System.Text.Json.Nodes;
using SecureAccess.Api.Tests.HelpDesk;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.Journeys;

/// Issue 14, journey 2 (SA-21): a new employee registers online, an operator grants a product,
/// the employee opens it; the operator revokes it, and it closes. Both are in the audit trail.
[Collection(JourneysCollection.Name)]
public sealed class ProductGrantTests(HelpDeskFactory factory)
{
    private readonly SecureAccessApi _api = factory.Api();

    [Fact]
    public async Task An_operator_grants_a_new_employee_a_product_and_revokes_it()
    {
        var employee = await _api.Register(People.Fresh(), Unique.Username("new.employee"));
        var token = await _api.SignInFully(employee);
        await (await _api.Get("/api/v1/products/tin-matching/access", token)).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");

        var path = $"/api/v1/admin/users/{employee.Username.ToUpperInvariant()}/products/tin-matching"; // usernames compare case-insensitively
        await (await factory.Assistor().Call(HttpMethod.Put, path, null, new JsonObject())).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        await (await factory.WithKey(null).Call(HttpMethod.Put, path, null, new JsonObject())).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await (await factory.Operator().Call(HttpMethod.Put, path, null, new JsonObject())).ShouldBe(HttpStatusCode.NoContent);
        await (await factory.Operator().Call(HttpMethod.Put, path, null, new JsonObject())).ShouldBe(HttpStatusCode.NoContent); // idempotent

        var opened = await _api.Get("/api/v1/products/tin-matching/access", token);
        await opened.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(employee.Username, (string)(await opened.Json())["username"]!);
        Assert.Equal(["tin-matching"], (await (await _api.Get("/api/v1/account", token)).Json())["products"]!.AsArray().Select(p => (string)p!));
        await (await _api.Get("/api/v1/products/tds/access", token)).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");

        await (await factory.Operator().Delete(path)).ShouldBe(HttpStatusCode.NoContent);
        await (await _api.Get("/api/v1/products/tin-matching/access", token)).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");

        var trail = await factory.AuditTrail(employee.Username);
        var granted = trail.Single(e => (string)e!["event"]! == "product.granted")!;
        Assert.Equal(HelpDeskFactory.OperatorName, (string?)granted["actor"]);
        Assert.Contains("tin-matching", (string)granted["detail"]!);
        Assert.Single(trail, e => (string)e!["event"]! == "product.revoked");
    }

    [Fact] // an unknown product or user is 404, and nothing is written
    public async Task Granting_an_unknown_product_or_to_an_unknown_user_is_404()
    {
        var employee = await _api.Register(People.Fresh());
        await (await factory.Operator().Call(HttpMethod.Put, $"/api/v1/admin/users/{employee.Username}/products/payroll", null, new JsonObject()))
            .ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        await (await factory.Operator().Call(HttpMethod.Put, $"/api/v1/admin/users/{Unique.Username("nobody")}/products/tds", null, new JsonObject()))
            .ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }
}
