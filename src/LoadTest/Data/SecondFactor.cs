namespace SecureAccess.LoadTest.Data;

/// The user's second factor (API.md: challenge `method`).
public enum SecondFactor
{
    Sms,
    App,
}

/// Where `--method app` registrants prove their address before enrolling the authenticator.
/// SA-7 offers the app only after the mailed activation letter; `Phone` is for a server that also
/// offers `choose-second-factor` after the SMS activation.
public enum AppEnrolmentRoute
{
    Letter,
    Phone,
}
