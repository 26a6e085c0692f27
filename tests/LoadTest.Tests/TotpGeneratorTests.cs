using System.Text;
using SecureAccess.LoadTest.Codes;

namespace SecureAccess.LoadTest.Tests;

public class TotpGeneratorTests
{
    private static readonly byte[] RfcSecret = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory] // RFC 6238 Appendix B, SHA-1 rows
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Eight_digit_codes_match_the_RFC_6238_SHA1_test_vectors(long unixSeconds, string expected)
    {
        var generator = new TotpGenerator(RfcSecret, digits: 8);

        Assert.Equal(expected, generator.CodeAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));
    }

    [Theory] // SA-8 codes are 6 digits: the same HOTP value truncated to 10^6
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1234567890L, "005924")]
    public void Six_digit_codes_are_the_low_six_digits_of_the_same_vectors(long unixSeconds, string expected)
    {
        var generator = new TotpGenerator(RfcSecret);

        Assert.Equal(expected, generator.CodeAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));
    }

    [Fact]
    public void A_base32_secret_gives_the_same_codes_as_its_bytes()
    {
        // "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" is base32 of "12345678901234567890".
        var generator = TotpGenerator.FromBase32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq");

        Assert.Equal("287082", generator.CodeAt(DateTimeOffset.FromUnixTimeSeconds(59)));
    }

    [Fact]
    public void A_code_for_a_step_is_the_code_at_any_time_within_that_step()
    {
        var generator = new TotpGenerator(RfcSecret);
        var step = TotpGenerator.StepAt(DateTimeOffset.FromUnixTimeSeconds(1111111109));

        Assert.Equal(37037036, step);
        Assert.Equal(generator.CodeAt(DateTimeOffset.FromUnixTimeSeconds(1111111109)), generator.CodeForStep(step));
        Assert.Equal(generator.CodeAt(DateTimeOffset.FromUnixTimeSeconds(step * 30)), generator.CodeForStep(step));
    }

    [Fact]
    public void A_deliberately_wrong_code_matches_none_of_the_steps_a_server_could_accept()
    {
        var generator = new TotpGenerator(RfcSecret);
        for (var step = 1000L; step < 1200; step++)
        {
            var wrong = generator.WrongCodeNear(step);

            Assert.Equal(6, wrong.Length);
            Assert.All(new[] { step - 1, step, step + 1 }, s => Assert.NotEqual(generator.CodeForStep(s), wrong));
        }
    }

    [Fact]
    public void A_wrong_sms_code_differs_from_the_right_one_and_keeps_its_length()
    {
        Assert.Equal("000000", WrongCode.Avoiding(["999999"]));
        Assert.Equal("123457", WrongCode.Avoiding(["123456"]));
        Assert.Equal("124", WrongCode.Avoiding(["123"], 3));
    }
}
