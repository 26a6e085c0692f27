using System.Text.Json.Nodes;
using SecureAccess.Client;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.Client;

/// The generated client is made from the document the build wrote (issue 12); that must be the
/// contract a running gateway serves, or the client would speak a contract no gateway has.
[Collection(ApiCollection.Name)]
public sealed class ContractDocumentTests(ApiFactory factory)
{
    [Fact]
    public async Task The_client_was_generated_from_the_document_the_gateway_serves()
    {
        using var http = factory.CreateClient();
        var served = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!.AsObject();
        await using var embedded = ContractDocument.Open();
        var built = (await JsonNode.ParseAsync(embedded))!.AsObject();

        // `servers` names the address the request came in on; the build-time document has none.
        served.Remove("servers");
        built.Remove("servers");
        Assert.True(JsonNode.DeepEquals(served, built), "the build-time OpenAPI document differs from the one the gateway serves");
        Assert.True(built["paths"]!.AsObject().Count > 30);
    }
}
