using SecureAccess.Common;

namespace SecureAccess.Phones;

/// One E.164 number. The single place that decides which user owns it (SA-5).
public interface IPhoneNumberGrain : IGrainWithStringKey
{
    Task<string?> GetOwner();

    /// Claims the number for `username`; idempotent for the same user, `phone_in_use` for another.
    Task<Result<Done>> Claim(string username);

    /// Gives the number up if `username` owns it; a no-op otherwise.
    Task Release(string username);
}
