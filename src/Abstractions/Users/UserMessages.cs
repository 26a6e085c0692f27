using SecureAccess.Registration;

namespace SecureAccess.Users;

/// A user reserved by a registration at its choose-credentials step; active once a second factor is proven.
[GenerateSerializer, Immutable]
public sealed record NewUser(
    [property: Id(0)] Guid RegistrationId,
    [property: Id(1)] string Username,
    [property: Id(2)] string Email,
    [property: Id(3)] string PasswordHash,
    [property: Id(4)] string SsnHash,
    [property: Id(5)] string SsnLast4,
    [property: Id(6)] string FirstName,
    [property: Id(7)] string LastName,
    [property: Id(8)] PostalAddress Address)
{
    public override string ToString() => $"NewUser {{ Username = {Username}, RegistrationId = {RegistrationId} }}";
}

[GenerateSerializer]
public enum UserStatus
{
    /// No such account (an unknown username's grain).
    None = 0,
    /// Reserved by an unfinished registration.
    Pending = 1,
    Active = 2,
    /// An e-Services account imported by an operator (SA-17): signs in nowhere until registered through Secure Access.
    Imported = 10,
    /// A personal account merged into its e-Services account (SA-18): its username signs in no more.
    Merged = 11,
}

[GenerateSerializer, Immutable]
public sealed record AccountView(
    [property: Id(0)] string Username,
    [property: Id(1)] string Email,
    [property: Id(2)] string? MaskedPhone,
    [property: Id(3)] bool AuthenticatorEnrolled,
    [property: Id(4)] string Status,
    [property: Id(5)] IReadOnlyList<string> Products,
    [property: Id(6)] string? SecondFactor = null);

[GenerateSerializer, Immutable]
public sealed record ResumeInfo([property: Id(0)] Guid RegistrationId, [property: Id(1)] string Step);

[GenerateSerializer, Immutable]
public sealed record PhoneChangeStarted([property: Id(0)] Guid ChangeId, [property: Id(1)] DateTimeOffset ExpiresAt);

[GenerateSerializer, Immutable]
public sealed record PasswordChange(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] string? CurrentPassword,
    [property: Id(2)] string NewPassword)
{
    public override string ToString() => $"PasswordChange {{ SessionId = {SessionId}, *** }}";
}
