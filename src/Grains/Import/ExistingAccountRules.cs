using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SecureAccess.Identity;
using SecureAccess.Phones;
using SecureAccess.Security;
using SecureAccess.Users;

namespace SecureAccess.Import;

/// What a record of fixtures/README.md "Existing accounts" must be to be imported. Each refusal
/// names the field and never repeats a secret value (hash, SSN).
public sealed partial class ExistingAccountRules(SsnHasher ssnHasher, IIdentityVerifier identityRecords, IOptions<ImportOptions> options)
{
    public CheckedRecord Check(ExistingAccountRecord record)
    {
        var kind = record.Kind?.Trim().ToLowerInvariant();
        if (kind is null || !ExistingAccountKinds.All.Contains(kind)) return Refuse("kind: must be 'e-services' or 'personal'");
        // SA-17 (issue 14): an existing username is permanent, kept as it is within the legacy limits.
        if (string.IsNullOrWhiteSpace(record.Username)) return Refuse("username: required");
        if (UsernamePolicy.CheckLegacy(record.Username) is { } badName) return Refuse("username: " + badName.Detail);
        if (HashProblem(record.PasswordHash) is { } hashProblem) return Refuse("passwordHash: " + hashProblem);
        var email = record.Email?.Trim();
        if (email is null || email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !parsed.Host.Contains('.'))
            return Refuse("email: not an email address");
        if (record.Ssn is null || !SsnShape().IsMatch(record.Ssn.Trim())) return Refuse("ssn: nine digits, as 123-45-6789 or 123456789");
        if (string.IsNullOrWhiteSpace(record.FirstName) || record.FirstName.Length > 100) return Refuse("firstName: required, at most 100 characters");
        if (string.IsNullOrWhiteSpace(record.LastName) || record.LastName.Length > 100) return Refuse("lastName: required, at most 100 characters");

        var username = UsernamePolicy.Normalize(record.Username);
        var ssn = record.Ssn.Trim();
        var ssnHash = ssnHasher.Hash(ssn);
        var last4 = SsnHasher.Last4(ssn);
        var address = identityRecords.AddressOfRecord(ssn);
        var firstName = record.FirstName.Trim();
        var lastName = record.LastName.Trim();

        if (kind == ExistingAccountKinds.EServices)
        {
            var products = (record.Products ?? []).Select(p => p?.Trim().ToLowerInvariant() ?? "").Distinct().ToArray();
            if (products.Any(p => !EServicesProducts.All.Contains(p)))
                return Refuse($"products: each one of {string.Join(", ", EServicesProducts.All)}");
            return new CheckedRecord(username, null, new ImportedEServicesAccount(username, record.PasswordHash!, email, ssnHash, last4,
                firstName, lastName, products, record.PhoneValidatedByLetter5903 ?? false, address), null);
        }

        if (record.Products is { Count: > 0 }) return Refuse("products: only e-Services accounts hold products");
        if (string.IsNullOrWhiteSpace(record.PhoneNumber)) return Refuse("phoneNumber: a personal account's verified mobile number is required");
        var phone = PhoneNumberPolicy.ToE164(record.PhoneNumber.Trim());
        if (!phone.Succeeded) return Refuse("phoneNumber: " + phone.Failure!.Detail);
        var origin = record.Origin?.Trim().ToLowerInvariant();
        if (origin is not null && !PersonalAccountOrigins.All.Contains(origin))
            return Refuse($"origin: one of {string.Join(", ", PersonalAccountOrigins.All)}");
        return new CheckedRecord(username, null, null, new ImportedPersonalAccount(username, record.PasswordHash!, email, ssnHash, last4,
            firstName, lastName, phone.Value!, origin, address));
    }

    /// A PHC string `$argon2id$v=19$m=…,t=…,p=…$salt$hash` within the costs the service will verify.
    private string? HashProblem(string? hash)
    {
        if (hash is null) return "required";
        var match = PhcArgon2id().Match(hash);
        if (!match.Success || hash.Length > 128) return "not an Argon2id PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash)";
        var memory = long.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var iterations = long.Parse(match.Groups["t"].Value, CultureInfo.InvariantCulture);
        var parallelism = long.Parse(match.Groups["p"].Value, CultureInfo.InvariantCulture);
        var o = options.Value;
        if (memory < 8 || iterations < 1 || parallelism < 1) return "Argon2id parameters below the algorithm's minimum";
        if (memory > o.MaxHashMemoryKiB || iterations > o.MaxHashIterations || parallelism > o.MaxHashParallelism)
            return $"Argon2id cost above what the service verifies (m ≤ {o.MaxHashMemoryKiB}, t ≤ {o.MaxHashIterations}, p ≤ {o.MaxHashParallelism})";
        return null;
    }

    private static CheckedRecord Refuse(string reason) => new(null, reason, null, null);

    [GeneratedRegex(@"^\$argon2id\$v=19\$m=(?<m>\d{1,9}),t=(?<t>\d{1,9}),p=(?<p>\d{1,9})\$[A-Za-z0-9+/]{11,}\$[A-Za-z0-9+/]{16,}$")]
    private static partial Regex PhcArgon2id();

    [GeneratedRegex(@"^\d{3}-?\d{2}-?\d{4}$")]
    private static partial Regex SsnShape();
}

/// A record after the rules: one of the two accounts, or the reason it was refused.
public sealed record CheckedRecord(string? Username, string? Refusal, ImportedEServicesAccount? EServices, ImportedPersonalAccount? Personal);
