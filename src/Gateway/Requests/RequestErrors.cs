using System.Net.Mail;
using SecureAccess.Common;
using SecureAccess.Gateway.Problems;

namespace SecureAccess.Gateway.Requests;

/// A request body that can say which of its fields are missing or of the wrong shape.
public interface IValidatedRequest
{
    void Validate(RequestErrors errors);
}

/// Collects field errors; any error makes the request a 400 `invalid_request` before a grain is called.
public sealed class RequestErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public bool Required(string field, string? value, int maxLength = 256)
    {
        if (string.IsNullOrWhiteSpace(value)) { Add(field, "Required."); return false; }
        if (value.Length > maxLength) { Add(field, $"At most {maxLength} characters."); return false; }
        return true;
    }

    public void Email(string field, string? value)
    {
        if (!Required(field, value, 254)) return;
        if (!MailAddress.TryCreate(value, out var parsed) || parsed.Address != value!.Trim() || !parsed.Host.Contains('.'))
            Add(field, "Not an email address.");
    }

    public void OneOf(string field, string? value, IReadOnlyCollection<string> allowed)
    {
        if (Required(field, value) && !allowed.Contains(value!)) Add(field, "One of: " + string.Join(", ", allowed) + ".");
    }

    public ProblemResult ToProblem() =>
        new Failure(ErrorCodes.InvalidRequest, "The request is not valid: see `errors`.")
            .ToProblem(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}

public static class ValidationFilter
{
    /// Validates the endpoint's body argument of type T before the handler runs.
    public static RouteHandlerBuilder Validated<T>(this RouteHandlerBuilder route) where T : IValidatedRequest =>
        route.AddEndpointFilter(async (context, next) =>
        {
            var body = context.Arguments.OfType<T>().FirstOrDefault();
            var errors = new RequestErrors();
            if (body is null) errors.Add("body", "A JSON body is required.");
            else body.Validate(errors);
            return errors.Any ? errors.ToProblem() : await next(context);
        }).Fails(ErrorCodes.InvalidRequest);
}
