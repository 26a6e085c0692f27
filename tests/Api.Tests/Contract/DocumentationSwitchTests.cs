using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using SecureAccess.Gateway.Hosting;

namespace SecureAccess.Api.Tests.Contract;

/// Issue 12: `/openapi` and `/docs` are on by default, in Production too, and an operator may turn
/// them off with `Api:Documentation:Enabled=false` (docs/operations.md).
public sealed class DocumentationSwitchTests
{
    [Theory]
    [InlineData("Production", null, true)]
    [InlineData("Production", "true", true)]
    [InlineData("Production", "false", false)]
    [InlineData("Development", "false", false)]
    public async Task The_document_and_the_docs_page_follow_the_setting(string environment, string? enabled, bool served)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        if (enabled is not null)
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [ApiDocumentationOptions.Section + ":Enabled"] = enabled });
        builder.Services.AddApiDocumentation();
        await using var app = builder.Build();
        Assert.Equal(served, app.MapApiDocumentation());
        app.MapGet("/api/v1/ping", () => TypedResults.Ok()).WithName("Ping");
        await app.StartAsync();
        var client = app.GetTestClient();

        var expected = served ? HttpStatusCode.OK : HttpStatusCode.NotFound;
        Assert.Equal(expected, (await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).StatusCode);
        Assert.Equal(expected, (await client.GetAsync(new Uri("/docs/", UriKind.Relative))).StatusCode);
        Assert.Equal(expected, (await client.GetAsync(new Uri("/docs/openapi/v1.json", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/ping", UriKind.Relative))).StatusCode);
    }
}
