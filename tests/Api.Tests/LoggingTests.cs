using System.Net;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests;

/// Issue 13: a client's mistake is not a server error. Malformed bodies are answered 400 and logged
/// below Error, without a stack trace, so a fuzzer cannot flood the error log and page the on-call.
public sealed class LoggingTests
{
    [Fact]
    public async Task A_malformed_body_writes_no_error_level_log_entry()
    {
        using var factory = new ApiFactory(); // its own host, so only this test's requests are in its log
        var api = factory.Api();
        await (await api.Get("/health/ready")).ShouldBe(HttpStatusCode.OK);

        foreach (var body in new[] { "{", "not json at all", """{"username":"someone","password":42}""", "[]" })
            await (await api.PostRaw("/api/v1/sessions", body)).ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_request");
        await (await api.PostRaw("/api/v1/registrations", "{}", "text/plain")).ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_request");

        var lines = factory.Logs.AllText().Split('\n');
        Assert.DoesNotContain(lines, l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("   at ", StringComparison.Ordinal)); // no stack trace at any level
    }
}
