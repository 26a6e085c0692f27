using SecureAccess.Common;

namespace SecureAccess.Gateway.Problems;

/// The one mapping from domain outcomes to HTTP (API.md's table of statuses and codes).
public static class OutcomeMapping
{
    public static int StatusOf(string code) => code switch
    {
        ErrorCodes.InvalidRequest or ErrorCodes.WeakPassword or ErrorCodes.InvalidPhone => StatusCodes.Status400BadRequest,
        ErrorCodes.InvalidCredentials or ErrorCodes.InvalidCode or ErrorCodes.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorCodes.Forbidden or ErrorCodes.PasswordChangeRequired or ErrorCodes.ClientNotAuthorized => StatusCodes.Status403Forbidden,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.UsernameTaken or ErrorCodes.PhoneInUse or ErrorCodes.DeviceInUse or ErrorCodes.IdentityAlreadyRegistered
            or ErrorCodes.WrongStep or ErrorCodes.NoExistingAccount or ErrorCodes.OnlineAttemptRequired => StatusCodes.Status409Conflict,
        ErrorCodes.Expired => StatusCodes.Status410Gone,
        ErrorCodes.IdentityNotVerified or ErrorCodes.CreditFreeze or ErrorCodes.CardNotAccepted or ErrorCodes.PhoneNotAssociated => StatusCodes.Status422UnprocessableEntity,
        ErrorCodes.AccountLocked => StatusCodes.Status423Locked,
        ErrorCodes.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ErrorCodes.ServiceUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    public static ProblemResult ToProblem(this Failure failure) =>
        new(StatusOf(failure.Code), failure.Code, failure.Detail,
            failure.Field is null ? null : new Dictionary<string, string[]> { [failure.Field] = [failure.Detail] },
            failure.LockedUntil, failure.RetryAfter);

    /// Success through `onSuccess`, any failure through the one mapping.
    public static IResult ToHttp<T>(this Result<T> result, Func<T, IResult> onSuccess) =>
        result.Failure is { } failure ? failure.ToProblem() : onSuccess(result.Value!);
}
