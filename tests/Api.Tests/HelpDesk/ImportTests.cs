using System.Net;
using System.Text.Json.Nodes;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.HelpDesk;

/// `POST /api/v1/admin/existing-accounts` (SA-17, SA-18; fixtures/README.md "Existing accounts").
[Collection(HelpDeskCollection.Name)]
public sealed class ImportTests(HelpDeskFactory factory)
{
    [Fact] // SA-17, SA-18: the fixture imports, merges Grace's two accounts, and a second import changes nothing
    public async Task The_fixture_file_imports_once_and_a_second_import_skips_every_record()
    {
        var first = await factory.FixtureImport();
        Assert.Equal(3, (int)first["imported"]!);
        Assert.Equal(0, (int)first["skipped"]!);
        Assert.Equal(1, (int)first["merged"]!);
        Assert.Empty(first["rejected"]!.AsArray());

        var again = await factory.ImportAsync(ExistingAccountsFile.Body());
        Assert.Equal(0, (int)again["imported"]!);
        Assert.Equal(3, (int)again["skipped"]!);
        Assert.Equal(0, (int)again["merged"]!);
        Assert.Empty(again["rejected"]!.AsArray());

        Assert.Equal("e-services", (string)(await factory.HelpDeskView(Fixture.Katherine))["existingAccount"]!["kind"]!);
        Assert.Equal("active", (string)(await factory.HelpDeskView(Fixture.GraceEServices))["status"]!);
        Assert.Equal("merged", (string)(await factory.HelpDeskView(Fixture.GracePersonal))["status"]!);
    }

    [Fact] // SA-17: bad records are refused one by one with their reasons; the good ones are kept
    public async Task A_bad_record_is_rejected_with_its_reason_while_the_good_ones_are_kept()
    {
        var (good1, good2) = (People.Fresh(), People.Fresh());
        var (name1, name2) = (Unique.Username("es"), Unique.Username("pa"));
        var badHash = HelpDeskSteps.EServices(People.Fresh(), Unique.Username("bad"), "whatever pass 1");
        badHash["passwordHash"] = "$2b$12$abcdefghijklmnopqrstuu5f1pV0dQ8kzq1yk5mX8V0Qf3nQbGkO"; // bcrypt: not Argon2id
        var badSsn = HelpDeskSteps.EServices(People.Fresh(), Unique.Username("bad"), "whatever pass 2");
        badSsn["ssn"] = "12-345";
        var badKind = HelpDeskSteps.EServices(People.Fresh(), Unique.Username("bad"), "whatever pass 3");
        badKind["kind"] = "corporate";
        var noPhone = HelpDeskSteps.Personal(People.Fresh(), Unique.Username("bad"), "whatever pass 4", Unique.Phone());
        noPhone.Remove("phoneNumber");
        var badProduct = HelpDeskSteps.EServices(People.Fresh(), Unique.Username("bad"), "whatever pass 5", "payroll");

        var report = await factory.ImportAsync(HelpDeskSteps.Batch(
            HelpDeskSteps.EServices(good1, name1, "first good password", "tds"),
            badHash, badSsn, JsonValue.Create(42), badKind, noPhone, badProduct,
            HelpDeskSteps.Personal(good2, name2, "second good password", Unique.Phone())));

        Assert.Equal(2, (int)report["imported"]!);
        var rejected = report["rejected"]!.AsArray();
        Assert.Equal([1, 2, 3, 4, 5, 6], rejected.Select(r => (int)r!["index"]!));
        Assert.StartsWith("passwordHash:", (string)rejected[0]!["reason"]!);
        Assert.StartsWith("ssn:", (string)rejected[1]!["reason"]!);
        Assert.Contains("shape", (string)rejected[2]!["reason"]!);
        Assert.StartsWith("kind:", (string)rejected[3]!["reason"]!);
        Assert.StartsWith("phoneNumber:", (string)rejected[4]!["reason"]!);
        Assert.StartsWith("products:", (string)rejected[5]!["reason"]!);
        Assert.Equal((string)badHash["username"]!, (string)rejected[0]!["username"]!);
        Assert.DoesNotContain((string)badHash["passwordHash"]!, report.ToJsonString()); // reasons never echo a secret
        Assert.DoesNotContain("12-345", report.ToJsonString());

        Assert.Equal("imported", (string)(await factory.HelpDeskView(name1))["status"]!);
        Assert.Equal("active", (string)(await factory.HelpDeskView(name2))["status"]!);
        await (await factory.Assistor().Get($"/api/v1/helpdesk/users/{badHash["username"]}")).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact] // API.md: a key without the operator role gets 403; no key or a wrong key 401 — and nothing is imported
    public async Task An_assistor_key_without_the_operator_role_is_refused_on_import()
    {
        var username = Unique.Username("refused");
        var body = HelpDeskSteps.Batch(HelpDeskSteps.EServices(People.Fresh(), username, "never imported pass"));

        await (await factory.Assistor().Post("/api/v1/admin/existing-accounts", body)).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        await (await factory.WithKey(null).Post("/api/v1/admin/existing-accounts", body)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await (await factory.WithKey(TestSettings.OperatorKey + "x").Post("/api/v1/admin/existing-accounts", body)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        // Unauthenticated callers learn 401 before their body is even read.
        await (await factory.WithKey(null).PostRaw("/api/v1/admin/existing-accounts", "{not json")).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");

        await (await factory.Assistor().Get($"/api/v1/helpdesk/users/{username}")).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact] // SA-2: a hash made by the reference argon2 tool with other parameters verifies as given and is re-hashed at the next sign-in
    public async Task An_imported_hash_with_weaker_parameters_is_rehashed_at_the_next_successful_sign_in()
    {
        // echo -n "Some-Pass-4444!" | argon2 saltsaltsalt1234 -id -m 13 -t 1 -p 4 -e
        const string weakHash = "$argon2id$v=19$m=8192,t=1,p=4$c2FsdHNhbHRzYWx0MTIzNA$Fn7tuqZ5aLclLmbuQ9UVNLVysSWlsYFTpcKnevDGWh4";
        var username = Unique.Username("weak");
        var phone = Unique.Phone();
        var report = await factory.ImportAsync(HelpDeskSteps.Batch(HelpDeskSteps.Personal(People.Fresh(), username, "", phone, weakHash)));
        Assert.Equal(1, (int)report["imported"]!);
        Assert.Contains("m=8192,t=1,p=4", StoredUser(username));

        var api = factory.Api();
        await api.SignInWithSms(username, "Some-Pass-4444!", phone);

        var stored = StoredUser(username);
        Assert.DoesNotContain("m=8192,t=1,p=4", stored);
        Assert.Contains("m=19456,t=2,p=1", stored);
        await api.SignInWithSms(username, "Some-Pass-4444!", phone); // the new hash holds the same password
    }

    private string StoredUser(string username) =>
        factory.Storage.Snapshot().Single(r => r.Key.StartsWith("user/", StringComparison.Ordinal) && r.Key.EndsWith("/" + username, StringComparison.Ordinal)).Value;
}
