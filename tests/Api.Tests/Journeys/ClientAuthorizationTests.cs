using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using SecureAccess.Api.Tests.HelpDesk;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.Journeys;

/// Issue 14, journey 3 (SA-21, SA-4d): Transcript Delivery for a client needs a recorded, unexpired
/// client authorization (Form 8821 or 2848) of that professional for that client.
[Collection(JourneysCollection.Name)]
public sealed class ClientAuthorizationTests(HelpDeskFactory factory)
{
    private readonly SecureAccessApi _api = factory.Api();

    /// A client SSN no other test uses (not one of the identity records: a client needs no account).
    private static string ClientSsn() => $"777-{Unique.Next() % 100:00}-{Unique.Next() % 10000:0000}";

    private async Task<(RegisteredUser User, string Token)> Professional()
    {
        var user = await _api.Register(People.Fresh(), Unique.Username("tax.pro"));
        await (await factory.Operator().Call(HttpMethod.Put, $"/api/v1/admin/users/{user.Username}/products/tds", null, new JsonObject())).ShouldBe(HttpStatusCode.NoContent);
        return (user, await _api.SignInFully(user));
    }

    private async Task<string> Authorize(string professional, string clientSsn, string form, DateOnly expiresOn)
    {
        var recorded = await factory.Operator().Post("/api/v1/admin/client-authorizations", new JsonObject
        {
            ["professionalUsername"] = professional, ["clientSsn"] = clientSsn, ["form"] = form,
            ["expiresOn"] = expiresOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        await recorded.ShouldBe(HttpStatusCode.Created);
        return (string)(await recorded.Json())["authorizationId"]!;
    }

    private Task<HttpResponseMessage> RequestTranscript(string token, string clientSsn, int taxYear = 2025) =>
        _api.Call(HttpMethod.Post, "/api/v1/products/tds/transcript-requests", token, new JsonObject { ["clientSsn"] = clientSsn, ["taxYear"] = taxYear });

    private DateOnly Today => DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);

    [Fact] // 202 only with an unexpired authorization for that professional and client; the edge is the end of expiresOn (UTC)
    public async Task A_transcript_request_needs_an_unexpired_authorization_for_that_client()
    {
        var (pro, token) = await Professional();
        var (client, otherClient) = (ClientSsn(), ClientSsn());
        await (await RequestTranscript(token, client)).ShouldBeProblem(HttpStatusCode.Forbidden, "client_not_authorized");

        var expiresOn = Today.AddDays(2);
        await Authorize(pro.Username, client, "8821", expiresOn);
        var accepted = await RequestTranscript(token, client.Replace("-", ""));
        await accepted.ShouldBe(HttpStatusCode.Accepted);
        Assert.True(Guid.TryParse((string?)(await accepted.Json())["requestId"], out _));
        await (await RequestTranscript(token, otherClient)).ShouldBeProblem(HttpStatusCode.Forbidden, "client_not_authorized");

        // Another professional holding TDS has no authorization for this client.
        var (_, otherToken) = await Professional();
        await (await RequestTranscript(otherToken, client)).ShouldBeProblem(HttpStatusCode.Forbidden, "client_not_authorized");

        // The edge: the whole of the expiry day holds, the next midnight does not.
        var end = new DateTimeOffset(expiresOn.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        factory.Clock.Advance(end - factory.Clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        token = await _api.SignInFully(pro); // sessions are shorter than days
        await (await RequestTranscript(token, client)).ShouldBe(HttpStatusCode.Accepted);
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await (await RequestTranscript(token, client)).ShouldBeProblem(HttpStatusCode.Forbidden, "client_not_authorized");

        // SA-4d: the client's SSN is stored only as HMAC + last 4.
        var stored = factory.Storage.AllText();
        Assert.DoesNotContain(client.Replace("-", ""), stored);
        Assert.DoesNotContain(client, stored);
        var events = (await factory.AuditTrail(pro.Username)).Events();
        Assert.Contains("tds.client-authorization-recorded", events);
        Assert.Contains("tds.transcript-requested", events);
        Assert.Contains("tds.transcript-refused", events);
    }

    [Fact] // an operator revokes: refused at once; revoking again changes nothing; an unknown id is 404
    public async Task A_revoked_authorization_is_refused_at_once()
    {
        var (pro, token) = await Professional();
        var client = ClientSsn();
        var id = await Authorize(pro.Username, client, "2848", Today.AddDays(30));
        await (await RequestTranscript(token, client)).ShouldBe(HttpStatusCode.Accepted);

        await (await factory.Assistor().Delete($"/api/v1/admin/client-authorizations/{id}")).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        await (await factory.Operator().Delete($"/api/v1/admin/client-authorizations/{id}")).ShouldBe(HttpStatusCode.NoContent);
        await (await RequestTranscript(token, client)).ShouldBeProblem(HttpStatusCode.Forbidden, "client_not_authorized");
        await (await factory.Operator().Delete($"/api/v1/admin/client-authorizations/{id}")).ShouldBe(HttpStatusCode.NoContent);
        await (await factory.Operator().Delete($"/api/v1/admin/client-authorizations/{Guid.NewGuid()}")).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        Assert.Contains("tds.client-authorization-revoked", (await factory.AuditTrail(pro.Username)).Events());
    }

    [Fact] // bad input is 400 with the field named; a professional without TDS is 403 forbidden; an unknown professional 404
    public async Task Bad_requests_are_refused_without_a_state_change()
    {
        var user = await _api.Register(People.Fresh());
        var token = await _api.SignInFully(user);
        await (await RequestTranscript(token, ClientSsn())).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        await (await RequestTranscript(token, "12-34")).ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_request");
        await (await _api.Call(HttpMethod.Post, "/api/v1/products/tds/transcript-requests", null, new JsonObject { ["clientSsn"] = ClientSsn(), ["taxYear"] = 2025 }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");

        var body = new JsonObject { ["professionalUsername"] = user.Username, ["clientSsn"] = ClientSsn(), ["form"] = "1040", ["expiresOn"] = "2027-01-01" };
        await (await factory.Operator().Post("/api/v1/admin/client-authorizations", body)).ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_request");
        body["form"] = "8821";
        body["expiresOn"] = Today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await (await factory.Operator().Post("/api/v1/admin/client-authorizations", body)).ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_request");
        body["expiresOn"] = "2027-01-01";
        body["professionalUsername"] = Unique.Username("nobody");
        await (await factory.Operator().Post("/api/v1/admin/client-authorizations", body)).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }
}
