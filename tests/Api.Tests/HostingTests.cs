using System.Net;
using Microsoft.Extensions.Configuration;
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

    [Fact] // API.md "Development outbox", issue 10: outside Development the gateway refuses the outbox and the development keys
    public void Production_refuses_to_start_with_the_outbox_or_development_keys()
    {
        var problems = StartupCheckRun.Problems("Production", new()
        {
            ["SecureAccess:Keys:CodeHmacKey"] = "DEVELOPMENT-ONLY:47TjjXzl+mztiAia+yWh8cD+q6oCje6d7Z5mRnDQ4dg=",
        });
        Assert.Contains(problems, p => p.StartsWith("Messaging:Email:Provider is Outbox", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Messaging:Sms:Provider is Outbox", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("SecureAccess:Keys:CodeHmacKey is the shipped DEVELOPMENT-ONLY key", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("IdentityRecords:Path is not set", StringComparison.Ordinal));
    }

    [Fact] // the same configuration is fine in Development: the shortcuts are what dev mode is for
    public void Development_accepts_the_shipped_shortcuts() =>
        Assert.Empty(StartupCheckRun.Problems("Development", new()
        {
            ["SecureAccess:Keys:CodeHmacKey"] = "DEVELOPMENT-ONLY:47TjjXzl+mztiAia+yWh8cD+q6oCje6d7Z5mRnDQ4dg=",
            ["SecureAccess:Keys:SsnHmacKey"] = "DEVELOPMENT-ONLY:aUr7+ig92EtWO2tS7OOHEX0GNd69a/xnNMOzkYzFwt0=",
            ["SecureAccess:Keys:EncryptionKey"] = "DEVELOPMENT-ONLY:ef8FEVxLEvmXx3z+TrJoB/VnRijbdfMDR0qhYjd4BrM=",
        }));
}

/// StartupChecks.Problems on a configuration of exactly these values, as the gateway's Program runs it.
internal static class StartupCheckRun
{
    public static List<string> Problems(string environment, Dictionary<string, string?> values) =>
        SecureAccess.Gateway.Hosting.StartupChecks.Problems(
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment },
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(values).Build());
}
