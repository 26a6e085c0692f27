namespace SecureAccess.Letters;

/// SA-7: letters arrive in business days — weekdays that are not US federal holidays (5 U.S.C. 6103,
/// with the observed-day rule: a Saturday holiday is observed on Friday, a Sunday one on Monday).
public static class BusinessDays
{
    public static DateOnly Add(DateOnly start, int businessDays)
    {
        var day = start;
        for (var added = 0; added < businessDays;)
        {
            day = day.AddDays(1);
            if (IsBusinessDay(day)) added++;
        }
        return day;
    }

    public static bool IsBusinessDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsFederalHoliday(day);

    public static bool IsFederalHoliday(DateOnly day) =>
        ObservedHolidays(day.Year).Contains(day) || ObservedHolidays(day.Year + 1).Contains(day);

    public static IEnumerable<DateOnly> ObservedHolidays(int year)
    {
        yield return Observed(new DateOnly(year, 1, 1));                    // New Year's Day
        yield return Nth(year, 1, DayOfWeek.Monday, 3);                     // Birthday of Martin Luther King, Jr.
        yield return Nth(year, 2, DayOfWeek.Monday, 3);                     // Washington's Birthday
        yield return Last(year, 5, DayOfWeek.Monday);                       // Memorial Day
        yield return Observed(new DateOnly(year, 6, 19));                   // Juneteenth
        yield return Observed(new DateOnly(year, 7, 4));                    // Independence Day
        yield return Nth(year, 9, DayOfWeek.Monday, 1);                     // Labor Day
        yield return Nth(year, 10, DayOfWeek.Monday, 2);                    // Columbus Day
        yield return Observed(new DateOnly(year, 11, 11));                  // Veterans Day
        yield return Nth(year, 11, DayOfWeek.Thursday, 4);                  // Thanksgiving Day
        yield return Observed(new DateOnly(year, 12, 25));                  // Christmas Day
    }

    private static DateOnly Observed(DateOnly d) => d.DayOfWeek switch
    {
        DayOfWeek.Saturday => d.AddDays(-1),
        DayOfWeek.Sunday => d.AddDays(1),
        _ => d,
    };

    private static DateOnly Nth(int year, int month, DayOfWeek weekday, int n)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)weekday - (int)first.DayOfWeek + 7) % 7 + 7 * (n - 1));
    }

    private static DateOnly Last(int year, int month, DayOfWeek weekday)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)weekday + 7) % 7));
    }
}
