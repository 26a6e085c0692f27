namespace SecureAccess.Messaging;

/// The wording of every message the service sends. The code stands alone on its own line so a
/// person (or the outbox) can pick it out.
public static class Messages
{
    public static OutgoingMessage EmailConfirmation(string email, string code, TimeSpan validFor) =>
        new(Channels.Email, email, "Confirm your email for Secure Access",
            $"Your Secure Access confirmation code is:\n{code}\nIt is valid for {Minutes(validFor)} and works once.", code)
        { ValidFor = validFor };

    public static OutgoingMessage SmsActivation(string phone, string code, TimeSpan validFor) =>
        new(Channels.Sms, phone, "Secure Access activation code",
            $"Secure Access activation code: {code} (valid {Minutes(validFor)}). Never share it.", code)
        { ValidFor = validFor };

    public static OutgoingMessage SmsSecurityCode(string phone, string code, TimeSpan validFor) =>
        new(Channels.Sms, phone, "Secure Access security code",
            $"Secure Access security code: {code} (valid {Minutes(validFor)}). We will never call to ask for it.", code)
        { ValidFor = validFor };

    /// SA-7: addressed to the username in the outbox; the print batch carries the postal address.
    public static OutgoingMessage ActivationLetter(string username, string firstName, string lastName, Registration.PostalAddress address, string code, DateOnly expectedBy) =>
        new(Channels.Letter, username, "Your Secure Access activation code",
            $"{firstName} {lastName}\n{address.Line1}\n{(address.Line2 is { Length: > 0 } l2 ? l2 + "\n" : "")}{address.City}, {address.State} {address.Zip}\n\n" +
            $"Your Secure Access activation code is:\n{code}\nEnter it within 30 days to finish registering. Expected to arrive by {expectedBy:yyyy-MM-dd}.", code);

    public static OutgoingMessage TemporaryPassword(string email, string username, string password, TimeSpan validFor) =>
        new(Channels.Email, email, "Your Secure Access temporary password",
            $"A temporary password was requested for {username}. It works once, for {(int)validFor.TotalHours} hours:\n{password}\n" +
            "You will be asked to choose a new password right after signing in with it.", password)
        { ValidFor = validFor };

    public static OutgoingMessage UsernameReminder(string email, IReadOnlyList<string> usernames) =>
        new(Channels.Email, email, "Your Secure Access username",
            $"The Secure Access username for this address is:\n{string.Join("\n", usernames)}\nIf you did not ask, you can ignore this message.",
            string.Join(",", usernames));

    public static OutgoingMessage PasswordChanged(string email, string username) =>
        new(Channels.Email, email, "Your Secure Access password was changed",
            $"The password of {username} was changed, and its other sessions were ended. If this was not you, call the help desk.", "");

    /// Issue 11: the owner of a known username hears of its lock once. No unlock link: SA-10 holds.
    public static OutgoingMessage AccountLocked(string email, string username, DateTimeOffset until) =>
        new(Channels.Email, email, "Your Secure Access account was locked",
            $"{username} was locked after repeated failed sign-in attempts. It unlocks by itself at {until:yyyy-MM-dd HH:mm} UTC; nobody can unlock it sooner. " +
            "If this wasn't you, someone tried to guess your password: no one signed in, and you need do nothing. If you think they know your password, change it once the lock ends.", "");

    public static OutgoingMessage PhoneChangeCode(string phone, string code, TimeSpan validFor, bool toOldNumber) =>
        new(Channels.Sms, phone, "Secure Access phone change code",
            $"Secure Access code to {(toOldNumber ? "confirm leaving this number" : "confirm this new number")}: {code} (valid {Minutes(validFor)}).", code)
        { ValidFor = validFor };

    public static OutgoingMessage PhoneChanged(string email, string username, string maskedPhone) =>
        new(Channels.Email, email, "Your Secure Access mobile number was changed",
            $"The mobile number of {username} is now {maskedPhone}. If this was not you, call the help desk.", "");

    /// SA-17: for an imported e-Services account that forgot its old password (issue 14).
    public static OutgoingMessage MigrationRecoveryCode(string email, string username, string code, TimeSpan validFor) =>
        new(Channels.Email, email, "Your Secure Access registration code",
            $"A password reset was asked for the e-Services username {username}, which has not registered with Secure Access yet. " +
            $"Register (it takes a few minutes) and, where your old e-Services password is asked, give this code instead:\n{code}\n" +
            $"It is valid for {Minutes(validFor)} and works once. If you did not ask, you can ignore this message.", code);

    /// SA-18: the merged identity signs in with the e-Services username from now on (issue 14).
    public static OutgoingMessage AccountsMerged(string email, string username, string mergedFrom) =>
        new(Channels.Email, email, "Your Secure Access accounts were merged",
            $"Your Secure Access account {mergedFrom} and your e-Services account {username} are now one account. " +
            $"From now on sign in with the username:\n{username}\nYour password and your verified phone or app stay the same; {mergedFrom} no longer signs in.", username);

    private static string Minutes(TimeSpan t) => $"{(int)t.TotalMinutes} minutes";
}
