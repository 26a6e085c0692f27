using SecureAccess.Common;

namespace SecureAccess.Identity;

/// One person, keyed by the keyed hash of their SSN (SA-4d): at most one Secure Access identity.
public interface IIdentityGrain : IGrainWithStringKey
{
    /// Refuses when a registered username already holds this identity; otherwise the latest
    /// verified registration becomes the one that may bind it.
    Task<Result<Done>> Claim(Guid registrationId);
    Task<Result<Done>> Bind(Guid registrationId, string username);

    /// Issue 11: an unfinished registration expired; its pending claim goes, and the binding to
    /// `boundUsername` (the new username it reserved, now cancelled) when it made it; the row goes
    /// when nothing is left. A no-op for any other registration.
    Task Abandon(Guid registrationId, string? boundUsername);
    Task<string?> GetUsername();

    /// SA-17..SA-19: binds an account that did not come through an online registration (imported,
    /// merged, or made by the help desk). Succeeds when the identity is free, already `username`'s,
    /// or held by `replacing` (a personal account merging into its e-Services account).
    Task<Result<Done>> BindExisting(string username, string? replacing);

    /// Undoes `BindExisting` for `username`; a no-op when another username holds the identity.
    Task ReleaseExisting(string username);
}
