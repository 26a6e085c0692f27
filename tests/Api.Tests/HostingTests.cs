using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using SecureAccess.Testing;
using SecureAccess.Users;

namespace SecureAccess.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class HostingTests(ApiFactory factory)
{
    private readonly SecureAccessApi _api = factory.Api();

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer(string path) => await (await _api.Get(path)).ShouldBe(HttpStatusCode.OK);

    [Fact]
    public async Task The_openapi_document_describes_the_contract()
    {
        var response = await _api.Get("/openapi/v1.json");
        await response.ShouldBe(HttpStatusCode.OK);
        var document = await response.Content.ReadAsStringAsync();
        foreach (var path in new[] { "/api/v1/registrations", "/api/v1/sessions", "/api/v1/sessions/{challengeId}/verify", "/api/v1/account", "/.well-known/jwks.json" })
            Assert.Contains($"\"{path}\"", document);
    }

    [Fact]
    public async Task The_docs_page_is_browsable_html()
    {
        var response = await _api.Get("/docs/");
        await response.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        // The page and everything it loads come from this server (no CDN): its script and its document.
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("src=\"scalar.js\"", page);
        await (await _api.Get("/docs/scalar.js")).ShouldBe(HttpStatusCode.OK);
        await (await _api.Get("/docs/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact] // docs/decisions.md "Performance choices": grain state in Orleans' binary format
    public void Grain_state_is_stored_with_the_orleans_binary_serializer()
    {
        var provider = factory.Services.GetRequiredService<IOptionsMonitor<MemoryGrainStorageOptions>>().Get(StorageNames.Default);
        var serializer = Assert.IsType<OrleansGrainStorageSerializer>(provider.GrainStorageSerializer);

        var state = new UserState { Email = "ada@example.test", FailedAttempts = 3, Products = ["tin-matching"] };
        var bytes = serializer.Serialize(state);
        Assert.NotEqual((byte)'{', bytes.ToArray()[0]); // not JSON
        var back = serializer.Deserialize<UserState>(bytes)!;
        Assert.Equal((state.Email, state.FailedAttempts, "tin-matching"), (back.Email, back.FailedAttempts, back.Products.Single()));
    }

    [Fact] // API.md "Development outbox": the gateway refuses to start in Production with it on
    public void Production_refuses_to_start_with_the_outbox_or_development_keys()
    {
        using var production = new ApiFactory { EnvironmentName = "Production" };
        var error = Assert.ThrowsAny<Exception>(() => production.CreateClient());
        var message = error.ToString();
        Assert.Contains("Refusing to start in Production", message);
        Assert.Contains("Messaging:Provider", message);
    }
}
