namespace SecureAccess.Gateway.Requests;

public sealed record ChangePasswordRequest(string? NewPassword, string? CurrentPassword = null) : IValidatedRequest
{
    public void Validate(RequestErrors errors)
    {
        errors.Required("newPassword", NewPassword, 1024);
        if (CurrentPassword is { Length: > 1024 }) errors.Add("currentPassword", "Too long.");
    }

    public override string ToString() => "ChangePasswordRequest { *** }";
}

public sealed record PhoneChangeRequest(string? NewPhoneNumber) : IValidatedRequest
{
    public void Validate(RequestErrors errors) => errors.Required("newPhoneNumber", NewPhoneNumber, 32);
}

public sealed record PhoneChangeConfirmRequest(string? OldCode, string? NewCode) : IValidatedRequest
{
    public void Validate(RequestErrors errors)
    {
        errors.Required("oldCode", OldCode, 64);
        errors.Required("newCode", NewCode, 64);
    }

    public override string ToString() => "PhoneChangeConfirmRequest { *** }";
}

public sealed record SecondFactorRequest(string? Method) : IValidatedRequest
{
    public void Validate(RequestErrors errors)
    {
        if (errors.Required("method", Method, 8) && Method is not ("sms" or "app")) errors.Add("method", "Either \"sms\" or \"app\".");
    }
}

public sealed record UsernameRecoveryRequest(string? Email) : IValidatedRequest
{
    public void Validate(RequestErrors errors) => errors.Email("email", Email);
}

public sealed record PasswordRecoveryRequest(string? Username) : IValidatedRequest
{
    public void Validate(RequestErrors errors) => errors.Required("username", Username, 256);
}

/// `POST /api/v1/products/tds/transcript-requests` (SA-21).
public sealed record TranscriptRequestBody(string? ClientSsn, int? TaxYear) : IValidatedRequest
{
    public void Validate(RequestErrors errors)
    {
        if (errors.Required("clientSsn", ClientSsn, 11) && !System.Text.RegularExpressions.Regex.IsMatch(ClientSsn!, @"^\d{3}-?\d{2}-?\d{4}$"))
            errors.Add("clientSsn", "An SSN is 9 digits (123-45-6789).");
        if (TaxYear is null) errors.Add("taxYear", "Required.");
        else if (TaxYear is < 1990 or > 9999) errors.Add("taxYear", "A four-digit tax year from 1990.");
    }

    public override string ToString() => $"TranscriptRequestBody {{ TaxYear = {TaxYear}, ClientSsn = *** }}";
}

/// `POST /api/v1/admin/client-authorizations` (SA-21).
public sealed record ClientAuthorizationBody(string? ProfessionalUsername, string? ClientSsn, string? Form, DateOnly? ExpiresOn) : IValidatedRequest
{
    public void Validate(RequestErrors errors)
    {
        errors.Required("professionalUsername", ProfessionalUsername, 256);
        if (errors.Required("clientSsn", ClientSsn, 11) && !System.Text.RegularExpressions.Regex.IsMatch(ClientSsn!, @"^\d{3}-?\d{2}-?\d{4}$"))
            errors.Add("clientSsn", "An SSN is 9 digits (123-45-6789).");
        if (errors.Required("form", Form, 8) && !SecureAccess.Transcripts.ClientAuthorizationForms.All.Contains(Form!))
            errors.Add("form", "Either \"8821\" or \"2848\".");
        if (ExpiresOn is null) errors.Add("expiresOn", "Required: the last day the authorization holds (yyyy-mm-dd).");
    }

    public override string ToString() => $"ClientAuthorizationBody {{ Professional = {ProfessionalUsername}, Form = {Form}, ClientSsn = *** }}";
}
