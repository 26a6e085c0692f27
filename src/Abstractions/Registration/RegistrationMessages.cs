namespace SecureAccess.Registration;

[GenerateSerializer, Immutable]
public sealed record StartRegistration([property: Id(0)] string Email);

[GenerateSerializer, Immutable]
public sealed record RegistrationStarted([property: Id(0)] Guid RegistrationId, [property: Id(1)] string Step, [property: Id(2)] DateTimeOffset ExpiresAt);

/// Where the registration stands after a step. Optional members are filled by the steps that have them.
[GenerateSerializer, Immutable]
public sealed record StepInfo(
    [property: Id(0)] string Step,
    [property: Id(1)] DateTimeOffset? ExpiresAt = null,
    [property: Id(2)] DateOnly? ExpectedBy = null);

/// SA-8: the digital key, shown once.
[GenerateSerializer, Immutable]
public sealed record AuthenticatorEnrollment(
    [property: Id(0)] string Step,
    [property: Id(1)] string OtpauthUri,
    [property: Id(2)] string Secret)
{
    public override string ToString() => $"AuthenticatorEnrollment {{ Step = {Step}, Secret = *** }}";
}

[GenerateSerializer, Immutable]
public sealed record PostalAddress(
    [property: Id(0)] string Line1,
    [property: Id(1)] string? Line2,
    [property: Id(2)] string City,
    [property: Id(3)] string State,
    [property: Id(4)] string Zip);

/// The financial account of SA-4. Its number is used for the check and never stored (SA-4a),
/// so ToString is overridden to keep it out of any log that prints the message.
[GenerateSerializer, Immutable]
public sealed record FinancialAccount([property: Id(0)] string Type, [property: Id(1)] string Number)
{
    public override string ToString() => $"FinancialAccount {{ Type = {Type}, Number = *** }}";
}

/// What an applicant states to prove their identity (SA-4). Holds the SSN and an account number:
/// it lives only for the call and is never persisted or printed.
[GenerateSerializer, Immutable]
public sealed record IdentityClaim(
    [property: Id(0)] string FirstName,
    [property: Id(1)] string LastName,
    [property: Id(2)] DateOnly DateOfBirth,
    [property: Id(3)] string Ssn,
    [property: Id(4)] string FilingStatus,
    [property: Id(5)] PostalAddress Address,
    [property: Id(6)] FinancialAccount FinancialAccount)
{
    public override string ToString() => "IdentityClaim { *** }";
}

[GenerateSerializer, Immutable]
public sealed record ChooseCredentials(
    [property: Id(0)] string Username,
    [property: Id(1)] string Password,
    [property: Id(2)] string? ExistingPassword,
    [property: Id(3)] string? RecoveryCode = null)
{
    /// SA-17: the old e-Services password or, when it is forgotten, the code emailed by password recovery.
    public bool ProvesExistingAccount => ExistingPassword is { Length: > 0 } || RecoveryCode is { Length: > 0 };

    public override string ToString() => $"ChooseCredentials {{ Username = {Username}, Password = *** }}";
}
