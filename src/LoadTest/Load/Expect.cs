using System.Globalization;
using SecureAccess.LoadTest.Api;

namespace SecureAccess.LoadTest.Load;

/// The answers a step may give without it being an error: a status, or a status with a problem
/// `code`. Anything else fails the flow and counts as unexpected.
public sealed class Expect
{
    private readonly List<(int Status, string? Code)> accepted = [];
    private bool anything;

    private Expect()
    {
    }

    /// Every answer is data for the caller to judge (the attack scenario judges lockout itself).
    public static Expect Anything { get; } = new() { anything = true };

    public static Expect Status(int status) => new Expect().Or(status);

    public static Expect Problem(int status, string code) => new Expect().Or(status, code);

    public Expect Or(int status, string? code = null)
    {
        accepted.Add((status, code));
        return this;
    }

    public bool Accepts(ApiResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return anything || accepted.Exists(a => a.Status == response.Status &&
                                                (a.Code is null || string.Equals(a.Code, response.Code, StringComparison.Ordinal)));
    }

    public override string ToString() =>
        anything ? "anything" : string.Join(" or ", accepted.Select(a => a.Code is null
            ? a.Status.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{a.Status} {a.Code}")));
}
