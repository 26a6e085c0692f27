using Microsoft.AspNetCore.Http.HttpResults;
using SecureAccess.Common;

namespace SecureAccess.Gateway.Problems;

/// The one mapping from domain outcomes to HTTP (API.md's table of statuses and codes): every problem
/// the gateway answers is a `Failure` taken through here, so a code has one status and one title.
public static class OutcomeMapping
{
    /// API.md's table: code → (status, title). The OpenAPI document's `code` enum is ErrorCodes.All.
    private static readonly Dictionary<string, (int Status, string Title)> Table = new()
    {
        [ErrorCodes.InvalidRequest] = (StatusCodes.Status400BadRequest, "Invalid request"),
        [ErrorCodes.WeakPassword] = (StatusCodes.Status400BadRequest, "Password does not meet the policy"),
        [ErrorCodes.InvalidPhone] = (StatusCodes.Status400BadRequest, "Invalid phone number"),
        [ErrorCodes.InvalidCredentials] = (StatusCodes.Status401Unauthorized, "Invalid credentials"),
        [ErrorCodes.InvalidCode] = (StatusCodes.Status401Unauthorized, "Invalid code"),
        [ErrorCodes.Unauthorized] = (StatusCodes.Status401Unauthorized, "Unauthorized"),
        [ErrorCodes.Forbidden] = (StatusCodes.Status403Forbidden, "Forbidden"),
        [ErrorCodes.PasswordChangeRequired] = (StatusCodes.Status403Forbidden, "Password change required"),
        [ErrorCodes.ClientNotAuthorized] = (StatusCodes.Status403Forbidden, "Client not authorized"),
        [ErrorCodes.NotFound] = (StatusCodes.Status404NotFound, "Not found"),
        [ErrorCodes.UsernameTaken] = (StatusCodes.Status409Conflict, "Username taken"),
        [ErrorCodes.PhoneInUse] = (StatusCodes.Status409Conflict, "Phone number in use"),
        [ErrorCodes.DeviceInUse] = (StatusCodes.Status409Conflict, "Device in use"),
        [ErrorCodes.IdentityAlreadyRegistered] = (StatusCodes.Status409Conflict, "Identity already registered"),
        [ErrorCodes.WrongStep] = (StatusCodes.Status409Conflict, "Wrong step"),
        [ErrorCodes.NoExistingAccount] = (StatusCodes.Status409Conflict, "No existing account"),
        [ErrorCodes.OnlineAttemptRequired] = (StatusCodes.Status409Conflict, "Online attempt required"),
        [ErrorCodes.Expired] = (StatusCodes.Status410Gone, "Expired"),
        [ErrorCodes.IdentityNotVerified] = (StatusCodes.Status422UnprocessableEntity, "Identity not verified"),
        [ErrorCodes.CreditFreeze] = (StatusCodes.Status422UnprocessableEntity, "Credit freeze"),
        [ErrorCodes.CardNotAccepted] = (StatusCodes.Status422UnprocessableEntity, "Card not accepted"),
        [ErrorCodes.PhoneNotAssociated] = (StatusCodes.Status422UnprocessableEntity, "Phone not associated"),
        [ErrorCodes.AccountLocked] = (StatusCodes.Status423Locked, "Account locked"),
        [ErrorCodes.TooManyRequests] = (StatusCodes.Status429TooManyRequests, "Too many requests"),
        [ErrorCodes.InternalError] = (StatusCodes.Status500InternalServerError, "Internal error"),
        [ErrorCodes.ServiceUnavailable] = (StatusCodes.Status503ServiceUnavailable, "Service unavailable"),
    };

    /// A code missing from the table is a programming error; it still answers, as a 500 `internal_error`.
    public static int StatusOf(string code) => Table.TryGetValue(code, out var entry) ? entry.Status : StatusCodes.Status500InternalServerError;

    public static string TitleOf(string code) => Table.TryGetValue(code, out var entry) ? entry.Title : "Internal error";

    /// The codes the table answers with `status` (for the OpenAPI document's responses).
    public static IEnumerable<string> CodesOf(int status) => Table.Where(e => e.Value.Status == status).Select(e => e.Key);

    public static ProblemResult ToProblem(this Failure failure) =>
        failure.ToProblem(failure.Field is null ? null : new Dictionary<string, string[]> { [failure.Field] = [failure.Detail] });

    /// `errors` names every offending field (a request body with several wrong fields).
    public static ProblemResult ToProblem(this Failure failure, IDictionary<string, string[]>? errors) =>
        Table.ContainsKey(failure.Code)
            ? new(StatusOf(failure.Code), failure.Code, TitleOf(failure.Code), failure.Detail, errors, failure.LockedUntil, failure.RetryAfter)
            : Internal.ToProblem();

    /// A status the framework decided before any endpoint ran (413 body too large, 405 method not allowed,
    /// 404 no such route…): the status stays the framework's, the code and title are the table's.
    public static ProblemResult ToProblem(this Failure failure, int frameworkStatus) =>
        new(frameworkStatus, failure.Code, TitleOf(failure.Code), failure.Detail,
            failure.Field is null ? null : new Dictionary<string, string[]> { [failure.Field] = [failure.Detail] }, failure.LockedUntil, failure.RetryAfter);

    /// Success through `onSuccess` (a typed result, so the OpenAPI document knows its status and schema),
    /// any failure through the one mapping.
    public static Results<TSuccess, ProblemResult> ToHttp<T, TSuccess>(this Result<T> result, Func<T, TSuccess> onSuccess) where TSuccess : IResult =>
        result.Failure is { } failure ? failure.ToProblem() : onSuccess(result.Value!);

    /// Faults: a 500 says nothing about its cause; a 503 says only to retry.
    public static readonly Failure Internal = new(ErrorCodes.InternalError, "Something went wrong on our side.");
    public static readonly Failure Unavailable = new(ErrorCodes.ServiceUnavailable, "The service is briefly unavailable; retry shortly.", RetryAfter: TimeSpan.FromSeconds(2));
}
