using SecureAccess.Registration;

namespace SecureAccess.Gateway.Requests;

public sealed record StartRegistrationRequest(string? Email) : IValidatedRequest
{
    public void Validate(RequestErrors errors) => errors.Email("email", Email);
}

public sealed record CodeRequest(string? Code) : IValidatedRequest
{
    public void Validate(RequestErrors errors) => errors.Required("code", Code, 64);
    public override string ToString() => "CodeRequest { *** }";
}

/// `line2` is optional (a default, so the OpenAPI document does not list it as required).
public sealed record AddressBody(string? Line1, string? City, string? State, string? Zip, string? Line2 = null);

public sealed record FinancialAccountBody(string? Type, string? Number)
{
    public override string ToString() => $"FinancialAccountBody {{ Type = {Type}, Number = *** }}";
}

public sealed record IdentityRequest(
    string? FirstName, string? LastName, DateOnly? DateOfBirth, string? Ssn, string? FilingStatus,
    AddressBody? Address, FinancialAccountBody? FinancialAccount) : IValidatedRequest
{
    public static readonly string[] FilingStatuses =
        ["single", "married_filing_jointly", "married_filing_separately", "head_of_household", "qualifying_surviving_spouse"];
    public static readonly string[] AccountTypes = ["credit_card", "student_loan", "mortgage", "home_equity_loan", "heloc", "auto_loan"];

    public void Validate(RequestErrors errors)
    {
        errors.Required("firstName", FirstName, 100);
        errors.Required("lastName", LastName, 100);
        if (DateOfBirth is null) errors.Add("dateOfBirth", "Required (yyyy-mm-dd).");
        if (errors.Required("ssn", Ssn, 11) && !System.Text.RegularExpressions.Regex.IsMatch(Ssn!, @"^\d{3}-?\d{2}-?\d{4}$"))
            errors.Add("ssn", "Nine digits, as 123-45-6789 or 123456789.");
        errors.OneOf("filingStatus", FilingStatus, FilingStatuses);
        if (Address is null) errors.Add("address", "Required.");
        else
        {
            errors.Required("address.line1", Address.Line1, 200);
            if (Address.Line2 is { Length: > 200 }) errors.Add("address.line2", "At most 200 characters.");
            errors.Required("address.city", Address.City, 100);
            errors.Required("address.state", Address.State, 50);
            if (errors.Required("address.zip", Address.Zip, 10) && !System.Text.RegularExpressions.Regex.IsMatch(Address.Zip!, @"^\d{5}(-?\d{4})?$"))
                errors.Add("address.zip", "A ZIP code: 5 digits or ZIP+4.");
        }
        if (FinancialAccount is null) errors.Add("financialAccount", "Required.");
        else
        {
            errors.OneOf("financialAccount.type", FinancialAccount.Type, AccountTypes);
            errors.Required("financialAccount.number", FinancialAccount.Number, 64);
        }
    }

    public IdentityClaim ToClaim() => new(FirstName!, LastName!, DateOfBirth!.Value, Ssn!, FilingStatus!,
        new PostalAddress(Address!.Line1!, Address.Line2, Address.City!, Address.State!, Address.Zip!),
        new FinancialAccount(FinancialAccount!.Type!, FinancialAccount.Number!));

    public override string ToString() => "IdentityRequest { *** }";
}

/// `recoveryCode` (issue 14, SA-17): the code password recovery emailed to an imported e-Services
/// account, in place of a forgotten `existingPassword`.
public sealed record CredentialsRequest(string? Username, string? Password, string? ExistingPassword = null, string? RecoveryCode = null) : IValidatedRequest
{
    public void Validate(RequestErrors errors)
    {
        errors.Required("username", Username, Users.UsernameLimits.LegacyMaxLength); // SA-17: existing usernames up to 128
        errors.Required("password", Password, 1024);
        if (ExistingPassword is { Length: > 1024 }) errors.Add("existingPassword", "Too long.");
        if (RecoveryCode is { Length: > 64 }) errors.Add("recoveryCode", "Too long.");
        if (ExistingPassword is { Length: > 0 } && RecoveryCode is { Length: > 0 }) errors.Add("recoveryCode", "Give existingPassword or recoveryCode, not both.");
    }

    public override string ToString() => $"CredentialsRequest {{ Username = {Username}, Password = *** }}";
}

public sealed record PhoneRequest(string? PhoneNumber) : IValidatedRequest
{
    public void Validate(RequestErrors errors) => errors.Required("phoneNumber", PhoneNumber, 32);
}

/// Username and password, for sign-in and for resuming a registration.
public sealed record UsernamePasswordRequest(string? Username, string? Password) : IValidatedRequest
{
    public void Validate(RequestErrors errors)
    {
        errors.Required("username", Username, 256);
        errors.Required("password", Password, 1024);
    }

    public override string ToString() => $"UsernamePasswordRequest {{ Username = {Username}, Password = *** }}";
}

public sealed record DeviceRequest(string? DeviceId) : IValidatedRequest
{
    public void Validate(RequestErrors errors)
    {
        if (errors.Required("deviceId", DeviceId, 128) && !DeviceId!.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            errors.Add("deviceId", "Letters, digits, '-', '_' and '.' only.");
    }
}
