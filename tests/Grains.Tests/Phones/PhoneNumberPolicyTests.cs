using PhoneNumbers;
using SecureAccess.Common;
using SecureAccess.Phones;

namespace SecureAccess.Grains.Tests.Phones;

/// SA-7 "text-enabled mobile" as far as the numbering plan can tell. Where the plan cannot tell (US
/// and Canadian numbers are FIXED_LINE_OR_MOBILE), the carrier records of the identity check decide:
/// a number not among the person's `mobilePhones` is refused as phone_not_associated (docs/decisions.md).
public sealed class PhoneNumberPolicyTests
{
    private static readonly PhoneNumberUtil Plan = PhoneNumberUtil.GetInstance();

    [Theory] // SA-7: valid numbers the plan knows to be landlines reach the mobile-type check and are refused
    [InlineData("+442079460123", PhoneNumberType.FIXED_LINE)]
    [InlineData("+33142685300", PhoneNumberType.FIXED_LINE)]
    [InlineData("+18005550199", PhoneNumberType.TOLL_FREE)]
    public void A_valid_number_that_is_not_a_mobile_is_refused_for_its_type(string number, PhoneNumberType type)
    {
        var parsed = Plan.Parse(number, "US");
        Assert.True(Plan.IsValidNumber(parsed));          // not refused as "does not exist"…
        Assert.Equal(type, Plan.GetNumberType(parsed));   // …but for being a landline

        var result = PhoneNumberPolicy.ToE164(number);
        result.ShouldFailWith(ErrorCodes.InvalidPhone);
        Assert.Contains("mobile", result.Failure!.Detail, StringComparison.Ordinal);
    }

    [Theory] // SA-7: mobiles, and US numbers the plan cannot classify, pass to the carrier-record check
    [InlineData("+447911123456", "+447911123456")]
    [InlineData("(202) 555-0101", "+12025550101")]
    public void Mobiles_and_unclassifiable_US_numbers_pass_in_E164(string input, string e164) =>
        Assert.Equal(e164, PhoneNumberPolicy.ToE164(input).Value);
}
