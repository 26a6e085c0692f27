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

    /// SA-18: hands the number from `from` to `to` in one step (a merge); idempotent. Refused with
    /// `phone_in_use` when a third user owns it.
    Task<Result<Done>> Transfer(string from, string to);
}
