using PhoneNumbers;
using SecureAccess.LoadTest.Data;

namespace SecureAccess.LoadTest.Tests;

public class PhoneNumberPlanTests
{
    private static readonly PhoneNumberUtil Validator = PhoneNumberUtil.GetInstance();

    [Fact] // SA-5 needs one number per user; the server validates them with libphonenumber
    public void Every_default_number_is_a_valid_US_number_the_server_will_accept()
    {
        var plan = PhoneNumberPlan.Default;
        var sample = Enumerable.Range(0, plan.AreaCodes.Count * 3).Select(i => (long)i)
            .Concat(Enumerable.Range(0, 200).Select(i => plan.Capacity - 1 - i));

        foreach (var index in sample)
        {
            var number = Validator.Parse(plan.NumberAt(index), "US");

            Assert.True(Validator.IsValidNumberForRegion(number, "US"), plan.NumberAt(index));
            Assert.Equal(PhoneNumberType.FIXED_LINE_OR_MOBILE, Validator.GetNumberType(number));
        }
    }

    [Fact]
    public void Numbers_are_E164_distinct_and_spread_over_area_codes_first()
    {
        var plan = PhoneNumberPlan.Default;
        var numbers = Enumerable.Range(0, 5000).Select(i => plan.NumberAt(i)).ToList();

        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.Matches(@"^\+1[2-9]\d{2}555\d{4}$", n));
        Assert.Equal("+12015550100", numbers[0]);
        Assert.Equal("+12025550100", numbers[1]);
        Assert.Equal("+12015550101", numbers[plan.AreaCodes.Count]);
        Assert.Equal(plan.AreaCodes.Count * 100L, plan.Capacity);
    }

    [Fact]
    public void The_plan_is_configurable_and_knows_when_it_runs_out()
    {
        var plan = new PhoneNumberPlan { AreaCodes = [202, 212], FirstLine = 100, LastLine = 101, Offset = 1 };

        Assert.Equal("+12125550100", plan.NumberAt(0));
        Assert.Equal("+12125550101", plan.NumberAt(2));
        Assert.Throws<InvalidOperationException>(() => plan.NumberAt(3));
        Assert.Null(plan.Validate());
        Assert.NotNull((plan with { LastLine = 99 }).Validate());
        Assert.NotNull((plan with { AreaCodes = [] }).Validate());
    }

    [Fact]
    public void The_allocator_skips_numbers_an_earlier_batch_holds_and_stops_at_the_end_of_the_plan()
    {
        var plan = new PhoneNumberPlan { AreaCodes = [202], FirstLine = 100, LastLine = 103 };
        var allocator = new PhoneAllocator(plan, ["+12025550101", null]);

        Assert.Equal("+12025550100", allocator.Next());
        Assert.Equal("+12025550102", allocator.Next());
        Assert.Equal("+12025550103", allocator.Next());
        Assert.Null(allocator.Next());
    }
}
