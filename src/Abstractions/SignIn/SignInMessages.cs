namespace SecureAccess.SignIn;

public static class SecondFactorMethods
{
    public const string Sms = "sms";
    public const string App = "app";
}

[GenerateSerializer, Immutable]
public sealed record ChallengeIssued(
    [property: Id(0)] Guid ChallengeId,
    [property: Id(1)] string Method,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] bool PasswordChangeRequired);

/// A session the gateway turns into a signed token; the user grain can end it at any time.
[GenerateSerializer, Immutable]
public sealed record SessionIssued(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] string Username,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] bool PasswordChangeRequired);

/// What the challenge grain concluded about an SMS code before asking the user grain to finish.
[GenerateSerializer]
public enum SecondFactorVerdict
{
    CodeMatched = 0,
    CodeWrong = 1,
    /// The user's own authenticator (TOTP) must judge the code.
    CheckAuthenticator = 2,
}

[GenerateSerializer, Immutable]
public sealed record ChallengeRequest(
    [property: Id(0)] string Username,
    [property: Id(1)] string Method,
    [property: Id(2)] string? PhoneE164,
    [property: Id(3)] bool PasswordChangeRequired);
