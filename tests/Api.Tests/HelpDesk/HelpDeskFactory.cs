using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureAccess.Passwords;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.HelpDesk;

/// A host of its own for the help-desk tests: the fixture people (Grace 1002, Katherine 1004) can
/// register only once per host (SA-4d), and these tests import and migrate them. Requests come from
/// a fixed documentation address (RFC 5737), so the audit trail's `source` can be checked.
public sealed class HelpDeskFactory : ApiFactory
{
    public const string OperatorOnlyKey = "test-operator-only-key-0123456789abcdef";
    public const string OperatorName = "ops-console";
    public const string AssistorName = "help-desk-console";
    public const string ClientAddress = "203.0.113.77";

    private readonly Lazy<Task<JsonObject>> _fixtureImport;

    public HelpDeskFactory()
    {
        // Every request here comes from one address (below), far more registrations than one household makes.
        Settings["SecureAccess:SourceLimits:Registrations:Count"] = "10000";
        // OperatorAccessTests sweeps every admin route with wrong keys from this one address; the
        // wrong-key limit itself is tested in Throttling/SourceLimitApiTests.
        Settings["SecureAccess:SourceLimits:OperatorKeyFailures:Count"] = "100000";
        Settings["Operators:Keys:0:Name"] = OperatorName;
        Settings["Operators:Keys:1:Name"] = AssistorName;
        Settings["Operators:Keys:2:Key"] = OperatorOnlyKey;
        Settings["Operators:Keys:2:Roles"] = "operator";
        Settings["Operators:Keys:2:Name"] = "ops-only";
        _fixtureImport = new(() => ImportAsync(ExistingAccountsFile.Body()));
    }

    /// Operator and assistor (TestSettings.OperatorKey).
    public SecureAccessApi Operator() => WithKey(TestSettings.OperatorKey);

    /// Assistor only (TestSettings.AssistorKey).
    public SecureAccessApi Assistor() => WithKey(TestSettings.AssistorKey);

    public SecureAccessApi WithKey(string? key)
    {
        var client = CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Operator-Key", key);
        return new SecureAccessApi(client);
    }

    /// The answer to the first import of ../shared/fixtures/existing-accounts.json on this host;
    /// every test that needs the fixture accounts awaits it, whichever runs first.
    public Task<JsonObject> FixtureImport() => _fixtureImport.Value;

    public async Task<JsonObject> ImportAsync(JsonObject body)
    {
        var response = await Operator().Post("/api/v1/admin/existing-accounts", body);
        await response.ShouldBe(HttpStatusCode.OK);
        return await response.Json();
    }

    /// A PHC Argon2id hash as an operator's file would carry it (the service's own parameters).
    public static string HashOf(string password) =>
        new Argon2idPasswordHasher(Options.Create(new PasswordHashingOptions())).Hash(PasswordPolicy.Normalize(password));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, FixedClientAddress>());
    }

    private sealed class FixedClientAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse(ClientAddress); // over TestClientSource: these tests check the audited source
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}

[CollectionDefinition(Name)]
public sealed class HelpDeskCollection : ICollectionFixture<HelpDeskFactory>
{
    public const string Name = "helpdesk";
}

/// ../shared/fixtures/existing-accounts.json, found from the repository root (the folder holding SecureAccess.sln).
public static class ExistingAccountsFile
{
    public static string Path()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "SecureAccess.sln"))) directory = directory.Parent;
        if (directory is null) throw new InvalidOperationException("SecureAccess.sln not found above " + AppContext.BaseDirectory);
        return System.IO.Path.GetFullPath(System.IO.Path.Combine(directory.FullName, "..", "shared", "fixtures", "existing-accounts.json"));
    }

    public static JsonObject Body() => JsonNode.Parse(File.ReadAllText(Path()))!.AsObject();
}

/// The fixture people's sample passwords (fixtures/README.md).
public static class Fixture
{
    public const string GraceEServices = "jhopper.es";
    public const string GraceEServicesPassword = "Legacy-Pass-2017!";
    public const string GracePersonal = "gracie-transcripts";
    public const string GracePersonalPassword = "Transcript-Pass-88";
    public const string GracePhone = "+12025550142";
    public const string Katherine = "kjohnson.es";
    public const string KatherinePassword = "Old-ES-Password-1";
}
