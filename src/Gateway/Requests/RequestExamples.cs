using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SecureAccess.Gateway.Operators;

namespace SecureAccess.Gateway.Requests;

/// One example per request body, for the OpenAPI document (issue 12): the synthetic people of
/// README's walk-through and ../shared/fixtures, never real data. Typed, so a renamed field breaks the build.
public static class RequestExamples
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private static readonly Dictionary<Type, object> Examples = new()
    {
        [typeof(StartRegistrationRequest)] = new StartRegistrationRequest("ada@example.test"),
        [typeof(CodeRequest)] = new CodeRequest("482913"),
        [typeof(IdentityRequest)] = new IdentityRequest("Ada", "Lovelace", new DateOnly(1985, 12, 10), "521-40-1001", "single",
            new AddressBody("12 Analytical Way", "Springfield", "IL", "62701"), new FinancialAccountBody("student_loan", "SL0001234567")),
        [typeof(CredentialsRequest)] = new CredentialsRequest("ada", "analytical engine 1843"),
        [typeof(PhoneRequest)] = new PhoneRequest("(202) 555-0101"),
        [typeof(DeviceRequest)] = new DeviceRequest("ada-phone-1"),
        [typeof(UsernamePasswordRequest)] = new UsernamePasswordRequest("ada", "analytical engine 1843"),
        [typeof(ChangePasswordRequest)] = new ChangePasswordRequest("difference engine 1822", "analytical engine 1843"),
        [typeof(PhoneChangeRequest)] = new PhoneChangeRequest("+12025550102"),
        [typeof(PhoneChangeConfirmRequest)] = new PhoneChangeConfirmRequest("482913", "730155"),
        [typeof(SecondFactorRequest)] = new SecondFactorRequest("app"),
        [typeof(UsernameRecoveryRequest)] = new UsernameRecoveryRequest("ada@example.test"),
        [typeof(PasswordRecoveryRequest)] = new PasswordRecoveryRequest("ada"),
        [typeof(TranscriptRequestBody)] = new TranscriptRequestBody("521-40-1001", 2025),
        [typeof(ClientAuthorizationBody)] = new ClientAuthorizationBody("grace", "521-40-1001", "8821", new DateOnly(2027, 6, 30)),
        [typeof(ImportRequest)] = new ImportRequest([JsonSerializer.SerializeToElement(
            new ExistingAccountBody("e-services", "legacy.grace", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
                "grace@example.test", "521-40-1002", "Grace", "Hopper", ["tin-matching"], PhoneValidatedByLetter5903: false), Json)]),
        [typeof(ExceptionRegistrationRequest)] = new ExceptionRegistrationRequest("legacy.grace", "assistor-17", new ExceptionChecksBody(true, true, true)),
        [typeof(InPersonVerificationRequest)] = new InPersonVerificationRequest("legacy.grace", "assistor-17", "Springfield TAC",
            [new DocumentBody("drivers_license", "D123-4567-8901"), new DocumentBody("passport", "X12345678")]),
    };

    public static IEnumerable<Type> Types => Examples.Keys;

    public static JsonNode? For(Type type) => Examples.TryGetValue(type, out var example) ? JsonSerializer.SerializeToNode(example, type, Json) : null;
}
