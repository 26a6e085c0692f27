namespace SecureAccess.Messaging;

/// The wording of every message the service sends. The code stands alone on its own line so a
/// person (or the outbox) can pick it out.
public static class Messages
{
    public static OutgoingMessage EmailConfirmation(string email, string code, TimeSpan validFor) =>
        new(Channels.Email, email, "Confirm your email for Secure Access",
            $"Your Secure Access confirmation code is:\n{code}\nIt is valid for {Minutes(validFor)} and works once.", code);

    public static OutgoingMessage SmsActivation(string phone, string code, TimeSpan validFor) =>
        new(Channels.Sms, phone, "Secure Access activation code",
            $"Secure Access activation code: {code} (valid {Minutes(validFor)}). Never share it.", code);

    public static OutgoingMessage SmsSecurityCode(string phone, string code, TimeSpan validFor) =>
        new(Channels.Sms, phone, "Secure Access security code",
            $"Secure Access security code: {code} (valid {Minutes(validFor)}). We will never call to ask for it.", code);

    private static string Minutes(TimeSpan t) => $"{(int)t.TotalMinutes} minutes";
}
