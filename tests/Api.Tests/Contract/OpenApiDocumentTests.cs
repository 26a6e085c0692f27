using System.Net;
using System.Text.Json.Nodes;
using SecureAccess.Common;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.Contract;

/// Issue 12: the document is good enough for client generators (NSwag, Kiota) and for a reader:
/// every operation named and summarised, every status with its schema, every problem as
/// `application/problem+json` with API.md's codes, security where it is needed, examples on bodies.
[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(ApiFactory factory)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private async Task<JsonObject> Document()
    {
        var response = await factory.Api().Get("/openapi/v1.json");
        await response.ShouldBe(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static IEnumerable<(string Method, string Path, JsonObject Operation)> Operations(JsonObject document) =>
        from path in document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        where Methods.Contains(operation.Key)
        select (operation.Key.ToUpperInvariant(), path.Key, operation.Value!.AsObject());

    [Fact]
    public async Task Every_operation_has_a_unique_operation_id_a_summary_and_a_success_response()
    {
        var operations = Operations(await Document()).ToList();
        Assert.True(operations.Count >= 43, $"{operations.Count} operations");
        var ids = operations.Select(o => (string?)o.Operation["operationId"]).ToList();
        Assert.All(ids, id => Assert.False(string.IsNullOrEmpty(id)));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(operations, o => Assert.False(string.IsNullOrEmpty((string?)o.Operation["summary"]), $"{o.Method} {o.Path} has no summary"));
        Assert.All(operations, o => Assert.Contains(o.Operation["responses"]!.AsObject(), r => r.Key.StartsWith('2')));
    }

    [Fact]
    public async Task Every_json_success_body_is_a_named_schema()
    {
        var successes = from operation in Operations(await Document())
                        from response in operation.Operation["responses"]!.AsObject()
                        where response.Key.StartsWith('2')
                        select (operation.Method, operation.Path, Status: response.Key, Schema: response.Value!["content"]?["application/json"]?["schema"]);
        foreach (var (method, path, status, schema) in successes)
        {
            if (schema is not JsonObject json) continue;
            var named = (string?)json["$ref"] ?? (string?)json["items"]?["$ref"];
            Assert.True(named is not null, $"{method} {path} {status}: inline schema {json.ToJsonString()}");
        }
    }

    [Fact] // API.md "Errors": RFC 9457 with `code`; 423/429/503 with Retry-After
    public async Task Every_problem_response_is_problem_json_with_the_code_enum_and_retry_after_where_it_applies()
    {
        var document = await Document();
        var problem = document["components"]!["schemas"]!["ProblemDetails"]!;
        Assert.Equal(ErrorCodes.All.Order(), problem["properties"]!["code"]!["enum"]!.AsArray().Select(c => (string)c!).Order());
        Assert.Equal("date-time", (string?)problem["properties"]!["lockedUntil"]!["format"]);

        foreach (var (method, path, operation) in Operations(document))
        {
            var responses = operation["responses"]!.AsObject();
            Assert.True(responses.ContainsKey("500"), $"{method} {path} has no 500");
            foreach (var response in responses.Where(r => r.Key[0] is '4' or '5'))
            {
                if (path.StartsWith("/health", StringComparison.Ordinal) && response.Key == "503") continue; // plain-text "Unhealthy"
                var schema = response.Value!["content"]?["application/problem+json"]?["schema"];
                Assert.True((string?)schema?["$ref"] == "#/components/schemas/ProblemDetails", $"{method} {path} {response.Key} is not problem+json");
                if (response.Key is "423" or "429" or "503")
                    Assert.True(response.Value!["headers"]?["Retry-After"] is not null, $"{method} {path} {response.Key} lacks Retry-After");
            }
        }
    }

    [Fact] // API.md: bearer token on Account; X-Operator-Key on Help desk and operators; anonymous elsewhere
    public async Task Security_schemes_are_declared_on_the_routes_that_need_them()
    {
        var document = await Document();
        Assert.Equal("bearer", (string?)document["components"]!["securitySchemes"]!["bearer"]!["scheme"]);
        Assert.Equal("X-Operator-Key", (string?)document["components"]!["securitySchemes"]!["operatorKey"]!["name"]);
        foreach (var (method, path, operation) in Operations(document))
        {
            var schemes = operation["security"]!.AsArray().SelectMany(r => r!.AsObject().Select(s => s.Key)).ToList();
            var expected = path.StartsWith("/api/v1/admin", StringComparison.Ordinal) || path.StartsWith("/api/v1/helpdesk", StringComparison.Ordinal) ? ["operatorKey"]
                : path.StartsWith("/api/v1/account", StringComparison.Ordinal) || path.StartsWith("/api/v1/products", StringComparison.Ordinal)
                  || path == "/api/v1/sessions/current" ? new[] { "bearer" }
                : [];
            Assert.True(expected.SequenceEqual(schemes), $"{method} {path}: [{string.Join(", ", schemes)}]");
        }
    }

    [Fact]
    public async Task Every_request_body_has_an_example()
    {
        foreach (var (method, path, operation) in Operations(await Document()))
        {
            if (operation["requestBody"]?["content"]?["application/json"] is not JsonObject body) continue;
            Assert.True(body["example"] is JsonObject, $"{method} {path} has no request example");
        }
    }
}
