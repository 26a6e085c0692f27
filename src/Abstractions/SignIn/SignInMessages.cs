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

/// What a challenge is for: the second step of a sign-in (SA-9) or of a password recovery (SA-13).
[GenerateSerializer]
public enum ChallengePurpose
{
    SignIn = 0,
    Recovery = 1,
}

[GenerateSerializer, Immutable]
public sealed record ChallengeRequest(
    [property: Id(0)] string Username,
    [property: Id(1)] string Method,
    [property: Id(2)] string? PhoneE164,
    [property: Id(3)] bool PasswordChangeRequired,
    [property: Id(4)] ChallengePurpose Purpose = ChallengePurpose.SignIn,
    /// False for an unknown or locked username: the challenge looks the same but sends nothing.
    [property: Id(5)] bool Deliver = true);

/// A second-factor outcome the challenge grain hands to the user grain to finish.
[GenerateSerializer, Immutable]
public sealed record SecondFactorAttempt(
    [property: Id(0)] Guid ChallengeId,
    [property: Id(1)] SecondFactorVerdict Verdict,
    [property: Id(2)] string Code,
    [property: Id(3)] bool PasswordChangeRequired)
{
    public override string ToString() => $"SecondFactorAttempt {{ ChallengeId = {ChallengeId}, Verdict = {Verdict} }}";
}
