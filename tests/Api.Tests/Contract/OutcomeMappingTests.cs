using System.Reflection;
using SecureAccess.Common;
using SecureAccess.Gateway.Problems;

namespace SecureAccess.Api.Tests.Contract;

/// Issue 12: one table code → status, title; it is API.md's table, and it knows every code.
public sealed class OutcomeMappingTests
{
    [Fact]
    public void Every_error_code_is_listed_once_in_ErrorCodes_All()
    {
        var constants = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order().ToList();
        Assert.Equal(constants, ErrorCodes.All.Order().ToList());
    }

    [Theory] // ../shared/API.md "Errors"
    [InlineData(400, "invalid_request weak_password invalid_phone")]
    [InlineData(401, "invalid_credentials invalid_code unauthorized")]
    [InlineData(403, "forbidden password_change_required client_not_authorized")]
    [InlineData(404, "not_found")]
    [InlineData(409, "username_taken phone_in_use device_in_use identity_already_registered wrong_step no_existing_account online_attempt_required")]
    [InlineData(410, "expired")]
    [InlineData(422, "identity_not_verified credit_freeze card_not_accepted phone_not_associated")]
    [InlineData(423, "account_locked")]
    [InlineData(429, "too_many_requests")]
    [InlineData(500, "internal_error")]
    [InlineData(503, "service_unavailable")]
    public void Each_code_has_API_md_s_status(int status, string codes)
    {
        Assert.Equal(codes.Split(' ').Order(), OutcomeMapping.CodesOf(status).Order());
        Assert.All(codes.Split(' '), code => Assert.Equal(status, OutcomeMapping.StatusOf(code)));
    }

    [Fact]
    public void Every_code_has_a_title_of_its_own_and_an_unknown_code_is_an_internal_error()
    {
        Assert.Equal(ErrorCodes.All.Count, ErrorCodes.All.Select(OutcomeMapping.TitleOf).Distinct().Count());
        var problem = new Failure("no_such_code", "a programming error").ToProblem();
        Assert.Equal((500, ErrorCodes.InternalError), (problem.Status, problem.Code));
    }

    [Fact] // SA-10: the lock's length is configuration; the detail names its end instead of a duration
    public void The_lock_detail_names_its_end_not_a_fixed_duration()
    {
        var failure = Failure.Locked(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        Assert.Contains("2026-11-28T09:00:00Z", failure.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("24 hours", failure.Detail, StringComparison.Ordinal);
    }
}
