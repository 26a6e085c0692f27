namespace SecureAccess.Gateway.Requests;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword) : IValidatedRequest
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
