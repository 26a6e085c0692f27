using SecureAccess.Users;

namespace SecureAccess.Testing;

/// Tests read a user grain's counters through `IUserInspection`, which is not on `IUserGrain`.
public static class UserInspection
{
    public static Task<UserSummary> GetSummary(this IUserGrain user) => user.AsReference<IUserInspection>().GetSummary();
}
