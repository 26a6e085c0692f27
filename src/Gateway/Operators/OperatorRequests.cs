using System.Text.Json;
using System.Text.RegularExpressions;
using SecureAccess.Gateway.Requests;
using SecureAccess.HelpDesk;
using SecureAccess.Import;

namespace SecureAccess.Gateway.Operators;

/// `POST /api/v1/admin/existing-accounts`: each record is read on its own, so one of the wrong
/// shape is rejected with its reason while the others are imported.
public sealed record ImportRequest(List<JsonElement>? Accounts) : IValidatedRequest
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip };

    public void Validate(RequestErrors errors)
    {
        if (Accounts is null) errors.Add("accounts", "Required: an array of existing accounts (fixtures/README.md).");
    }

    /// The records that have the documented shape, with their positions; the others as rejections.
    public (List<(int Index, ExistingAccountRecord Record)> Records, List<ImportRejection> Unreadable) Read()
    {
        var records = new List<(int, ExistingAccountRecord)>();
        var unreadable = new List<ImportRejection>();
        for (var i = 0; i < Accounts!.Count; i++)
        {
            ExistingAccountBody? body = null;
            try { if (Accounts[i].ValueKind == JsonValueKind.Object) body = Accounts[i].Deserialize<ExistingAccountBody>(Json); }
            catch (JsonException) { }
            if (body is null) unreadable.Add(new ImportRejection(i, null, "not an account object of the documented shape (fixtures/README.md)"));
            else records.Add((i, body.ToRecord()));
        }
        return (records, unreadable);
    }

    public override string ToString() => $"ImportRequest {{ {Accounts?.Count ?? 0} accounts }}";
}

public sealed record ExistingAccountBody(
    string? Kind, string? Username, string? PasswordHash, string? Email, string? Ssn, string? FirstName, string? LastName,
    List<string>? Products = null, bool? PhoneValidatedByLetter5903 = null, string? PhoneNumber = null, string? Origin = null) // optional (fixtures/README.md)
{
    public ExistingAccountRecord ToRecord() =>
        new(Kind, Username, PasswordHash, Email, Ssn, FirstName, LastName, Products, PhoneValidatedByLetter5903, PhoneNumber, Origin);

    public override string ToString() => $"ExistingAccountBody {{ Kind = {Kind}, Username = {Username}, *** }}";
}

public sealed record ExceptionChecksBody(bool? EmailAccess, bool? CurrentYearReturn, bool? PriorYearReturn);

/// SA-19: `{username, assistorId, checks:{emailAccess, currentYearReturn, priorYearReturn}}`.
public sealed record ExceptionRegistrationRequest(string? Username, string? AssistorId, ExceptionChecksBody? Checks) : IValidatedRequest
{
    public void Validate(RequestErrors errors)
    {
        errors.Required("username", Username, Users.UsernameLimits.LegacyMaxLength); // SA-17: existing usernames up to 128
        errors.Required("assistorId", AssistorId, 64);
        if (Checks is null) { errors.Add("checks", "Required: {emailAccess, currentYearReturn, priorYearReturn}."); return; }
        if (Checks.EmailAccess is null) errors.Add("checks.emailAccess", "Required: true or false.");
        if (Checks.CurrentYearReturn is null) errors.Add("checks.currentYearReturn", "Required: true or false.");
        if (Checks.PriorYearReturn is null) errors.Add("checks.priorYearReturn", "Required: true or false.");
    }

    public ExceptionRequest ToRequest() => new(AssistorId!.Trim(), Checks!.EmailAccess!.Value, Checks.CurrentYearReturn!.Value, Checks.PriorYearReturn!.Value);
}

public sealed record DocumentBody(string? Type, string? Number)
{
    public override string ToString() => $"DocumentBody {{ Type = {Type}, Number = *** }}";
}

/// SA-20: `{username, assistorId, office, documents:[{type, number}, {type, number}]}`: two government IDs of different types.
public sealed partial record InPersonVerificationRequest(string? Username, string? AssistorId, string? Office, List<DocumentBody?>? Documents) : IValidatedRequest
{
    public void Validate(RequestErrors errors)
    {
        errors.Required("username", Username, Users.UsernameLimits.LegacyMaxLength); // SA-17: existing usernames up to 128
        errors.Required("assistorId", AssistorId, 64);
        errors.Required("office", Office, 200);
        if (Documents is null || Documents.Count != IdentityDocumentTypes.Required)
        {
            errors.Add("documents", "Exactly two government IDs are required (SA-20).");
            return;
        }
        for (var i = 0; i < Documents.Count; i++)
        {
            var document = Documents[i];
            if (document is null) { errors.Add($"documents[{i}]", "Required: {type, number}."); continue; }
            errors.OneOf($"documents[{i}].type", document.Type, [.. IdentityDocumentTypes.All]);
            if (errors.Required($"documents[{i}].number", document.Number, 40) && !DocumentNumber().IsMatch(document.Number!.Trim()))
                errors.Add($"documents[{i}].number", "4 to 40 letters, digits, spaces or dashes.");
        }
        if (Documents.All(d => d?.Type is not null) && Documents[0]!.Type == Documents[1]!.Type)
            errors.Add("documents", "The two IDs must be of different types (SA-20).");
    }

    public InPersonVerification ToVerification() => new(AssistorId!.Trim(), Office!.Trim(),
        [.. Documents!.Select(d => new IdentityDocument(d!.Type!, new string(d.Number!.Where(char.IsLetterOrDigit).ToArray())))]);

    public override string ToString() => $"InPersonVerificationRequest {{ Username = {Username}, AssistorId = {AssistorId}, Documents = *** }}";

    [GeneratedRegex(@"^(?=(?:[^A-Za-z0-9]*[A-Za-z0-9]){4})[A-Za-z0-9 -]{4,40}$")]
    private static partial Regex DocumentNumber();
}
