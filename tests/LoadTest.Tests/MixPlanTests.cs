using SecureAccess.LoadTest.Scenarios;

namespace SecureAccess.LoadTest.Tests;

public class MixPlanTests
{
    [Fact]
    public void The_default_mix_is_72_17_2_2_with_account_reads_taking_the_rest()
    {
        var shares = MixPlan.Default.Shares;

        Assert.Equal(0.72, shares[MixOperation.SignIn], 6);
        Assert.Equal(0.17, shares[MixOperation.SignUp], 6);
        Assert.Equal(0.02, shares[MixOperation.WrongPassword], 6);
        Assert.Equal(0.02, shares[MixOperation.WrongCode], 6);
        Assert.Equal(0.07, shares[MixOperation.AccountRead], 6);
    }

    [Fact]
    public void A_seeded_mix_over_10000_draws_lands_within_one_point_of_each_share()
    {
        var random = new Random(20240601);
        var counts = Enum.GetValues<MixOperation>().ToDictionary(o => o, _ => 0);

        for (var i = 0; i < 10_000; i++)
        {
            counts[MixPlan.Default.Draw(random.NextDouble())]++;
        }

        foreach (var (operation, share) in MixPlan.Default.Shares)
        {
            Assert.InRange(counts[operation] / 10_000.0, share - 0.01, share + 0.01);
        }
    }

    [Fact]
    public void The_same_seed_draws_the_same_sequence()
    {
        var first = new Random(7);
        var second = new Random(7);

        var a = Enumerable.Range(0, 500).Select(_ => MixPlan.Default.Draw(first.NextDouble())).ToList();
        var b = Enumerable.Range(0, 500).Select(_ => MixPlan.Default.Draw(second.NextDouble())).ToList();

        Assert.Equal(a, b);
    }

    [Fact]
    public void Draws_map_the_unit_interval_onto_the_operations_in_order()
    {
        var plan = MixPlan.Parse("signin=50,signup=25,wrong-password=25");

        Assert.Equal(MixOperation.SignIn, plan.Draw(0));
        Assert.Equal(MixOperation.SignIn, plan.Draw(0.4999));
        Assert.Equal(MixOperation.SignUp, plan.Draw(0.5));
        Assert.Equal(MixOperation.WrongPassword, plan.Draw(0.99999));
        Assert.Equal(0, plan.Shares[MixOperation.AccountRead]);
    }

    [Fact]
    public void Explicit_shares_with_account_given_are_taken_relative_to_their_sum()
    {
        var plan = MixPlan.Parse("signin=3, account=1");

        Assert.Equal(0.75, plan.Shares[MixOperation.SignIn], 6);
        Assert.Equal(0.25, plan.Shares[MixOperation.AccountRead], 6);
        Assert.Equal(0, plan.Shares[MixOperation.SignUp]);
    }

    [Theory]
    [InlineData("signin")]
    [InlineData("login=50")]
    [InlineData("signin=abc")]
    [InlineData("signin=-1")]
    [InlineData("signin=80,signup=30")]
    [InlineData("signin=0,account=0")]
    public void Malformed_mixes_are_refused(string text)
    {
        Assert.ThrowsAny<Exception>(() => MixPlan.Parse(text));
    }
}
