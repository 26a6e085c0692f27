using SecureAccess.Codes;

namespace SecureAccess.SignIn;

[GenerateSerializer]
public sealed class SignInChallengeState
{
    [Id(0)] public string Username { get; set; } = "";
    [Id(1)] public string Method { get; set; } = "";
    [Id(2)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(3)] public StoredCode? SmsCode { get; set; }
    [Id(4)] public bool PasswordChangeRequired { get; set; }
    [Id(5)] public ChallengePurpose Purpose { get; set; }
    [Id(6)] public string? PhoneE164 { get; set; }
    [Id(7)] public bool Deliver { get; set; }
}
