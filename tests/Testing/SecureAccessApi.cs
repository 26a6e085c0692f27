using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace SecureAccess.Testing;

/// A registered, active user and the secrets a test needs to search for afterwards.
public sealed record RegisteredUser(string Username, string Password, string Email, string Phone, Person Person);

/// The REST API as a client app sees it, with the dev outbox for codes.
public sealed class SecureAccessApi(HttpClient http)
{
    public HttpClient Http => http;

    public Task<HttpResponseMessage> Post(string path, JsonNode? body) =>
        http.PostAsync(path, new StringContent(body?.ToJsonString() ?? "{}", Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> PostRaw(string path, string body, string contentType = "application/json") =>
        http.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

    public async Task<JsonArray> Outbox(string to) =>
        (await http.GetFromJsonAsync<JsonArray>($"/api/v1/dev/outbox?to={Uri.EscapeDataString(to)}"))!;

    public async Task<string> LatestCode(string to)
    {
        var messages = await Outbox(to);
        Assert.NotEmpty(messages);
        return (string)messages[^1]!["code"]!;
    }

    /// The code of a message that arrives after the answer (issue 11: recovery sends after it answers).
    /// Waits for the outbox of `to` to hold more than `before` messages; bounded, never a time rule.
    public async Task<string> NextCode(string to, int before) => (string)(await NextMessage(to, before))["code"]!;

    /// The newest message once the outbox of `to` holds more than `before` (for messages sent after
    /// the answer: recovery codes, lock notices). Bounded, never a time rule.
    public async Task<JsonNode> NextMessage(string to, int before)
    {
        for (var i = 0; i < 200; i++)
        {
            var messages = await Outbox(to);
            if (messages.Count > before) return messages[^1]!;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"No new message for {to} after waiting 10 s.");
    }

    public async Task<string> StartRegistration(string email)
    {
        var response = await Post("/api/v1/registrations", new JsonObject { ["email"] = email });
        await response.ShouldBe(HttpStatusCode.Created);
        return (string)(await response.Json())["registrationId"]!;
    }

    /// Runs registration up to (not including) the phone step.
    public async Task<string> RegisterUpToPhone(Person person, string username, string password, string email)
    {
        var id = await StartRegistration(email);
        await (await Post($"/api/v1/registrations/{id}/email/confirm", new JsonObject { ["code"] = await LatestCode(email) })).ShouldBe(HttpStatusCode.OK);
        await (await Post($"/api/v1/registrations/{id}/identity", person.IdentityBody())).ShouldBe(HttpStatusCode.OK);
        await (await Post($"/api/v1/registrations/{id}/credentials", new JsonObject { ["username"] = username, ["password"] = password })).ShouldBe(HttpStatusCode.OK);
        return id;
    }

    public async Task<RegisteredUser> Register(Person person, string? username = null, string password = "a long passphrase 4 tests", string? phone = null)
    {
        username ??= Unique.Username();
        phone ??= person.Phone; // SA-7: a number the records tie to the person
        var email = Unique.Email(username);
        var id = await RegisterUpToPhone(person, username, password, email);
        await (await Post($"/api/v1/registrations/{id}/phone", new JsonObject { ["phoneNumber"] = phone })).ShouldBe(HttpStatusCode.Accepted);
        var confirmed = await Post($"/api/v1/registrations/{id}/phone/confirm", new JsonObject { ["code"] = await LatestCode(phone) });
        await confirmed.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("complete", (string)(await confirmed.Json())["step"]!);
        return new RegisteredUser(username, password, email, phone, person);
    }

    public Task<HttpResponseMessage> SignIn(string username, string password) =>
        Post("/api/v1/sessions", new JsonObject { ["username"] = username, ["password"] = password });

    /// Password then SMS code; returns the access token.
    public async Task<string> SignInFully(RegisteredUser user)
    {
        var challenge = await SignIn(user.Username, user.Password);
        await challenge.ShouldBe(HttpStatusCode.OK);
        var challengeId = (string)(await challenge.Json())["challengeId"]!;
        var verified = await Post($"/api/v1/sessions/{challengeId}/verify", new JsonObject { ["code"] = await LatestCode(user.Phone) });
        await verified.ShouldBe(HttpStatusCode.OK);
        return (string)(await verified.Json())["accessToken"]!;
    }

    public Task<HttpResponseMessage> Get(string path, string? token = null) => Send(HttpMethod.Get, path, token);
    public Task<HttpResponseMessage> Delete(string path, string? token = null) => Send(HttpMethod.Delete, path, token);

    /// Any method, with an optional bearer token and JSON body.
    public Task<HttpResponseMessage> Call(HttpMethod method, string path, string? token, JsonNode? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return http.SendAsync(request);
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string? token)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }
}

public static class ResponseExtensions
{
    public static async Task<JsonObject> Json(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public static async Task ShouldBe(this HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// Status and problem `code` together, the way API.md states an outcome.
    public static async Task ShouldBeProblem(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        await response.ShouldBe(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, (string?)(await response.Json())["code"]);
    }
}
