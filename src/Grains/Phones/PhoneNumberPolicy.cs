using PhoneNumbers;
using SecureAccess.Common;

namespace SecureAccess.Phones;

/// SA-5 / SA-7: a phone is identified by its E.164 form; only numbers that can receive texts count.
public static class PhoneNumberPolicy
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// Parses E.164 or a national number (US default region) into E.164, or says why not.
    public static Result<string> ToE164(string input, string field = "phoneNumber")
    {
        PhoneNumber number;
        try { number = Util.Parse(input, "US"); }
        catch (NumberParseException) { return Invalid(field, "That is not a phone number."); }

        if (!Util.IsValidNumber(number)) return Invalid(field, "That phone number does not exist.");
        var type = Util.GetNumberType(number);
        if (type is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE))
            return Invalid(field, "The number must be a text-enabled mobile phone.");
        return Util.Format(number, PhoneNumberFormat.E164);
    }

    /// What a user may see of their number: the last two digits.
    public static string Mask(string e164) => e164.Length <= 4 ? "****" : new string('*', e164.Length - 2) + e164[^2..];

    private static Failure Invalid(string field, string detail) => new(ErrorCodes.InvalidPhone, detail, field);
}
