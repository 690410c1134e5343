using System.Globalization;
using Deliberation.Domain.Calendars;
using static Deliberation.Domain.Tests.Calendars.TestCalendars;

namespace Deliberation.Domain.Tests.Calendars;

/// <summary>
/// Every 2026 and 2027 date of calendars.json, pinned: moving one day (中秋 2026 from 25 to 24 September) fails here.
/// 2026 is copied from the State Council's notice (国办发明电〔2025〕7号, 4 November 2025); 2027 is the file's own
/// provisional reckoning, checked for consistency with the statutory days of the 2024 放假办法 and the lunar dates.
/// </summary>
public sealed class HolidayPinTests
{
    /// <summary>The notice, item by item: 一、元旦 1月1日至3日，1月4日上班 … 七、国庆节 10月1日至7日，9月20日、10月10日上班.</summary>
    private static readonly (string Name, string From, string To)[] Notice2026 =
    [
        ("元旦", "2026-01-01", "2026-01-03"),
        ("春节", "2026-02-15", "2026-02-23"),
        ("清明节", "2026-04-04", "2026-04-06"),
        ("劳动节", "2026-05-01", "2026-05-05"),
        ("端午节", "2026-06-19", "2026-06-21"),
        ("中秋节", "2026-09-25", "2026-09-27"),
        ("国庆节", "2026-10-01", "2026-10-07"),
    ];

    private static readonly string[] MakeUp2026 = ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"];

    /// <summary>What calendars.json holds for 2027 (provisional: no notice yet, no make-up days).</summary>
    private static readonly (string Name, string From, string To)[] File2027 =
    [
        ("元旦", "2027-01-01", "2027-01-03"),
        ("春节", "2027-02-05", "2027-02-10"),
        ("清明节", "2027-04-03", "2027-04-05"),
        ("劳动节", "2027-05-01", "2027-05-04"),
        ("端午节", "2027-06-09", "2027-06-09"),
        ("中秋节", "2027-09-15", "2027-09-15"),
        ("国庆节", "2027-10-01", "2027-10-05"),
    ];

    private static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static List<HolidayDate> Expand((string Name, string From, string To)[] ranges) =>
        ranges.SelectMany(r => Enumerable.Range(0, Day(r.To).DayNumber - Day(r.From).DayNumber + 1)
            .Select(i => new HolidayDate(Day(r.From).AddDays(i), r.Name))).ToList();

    private static HolidayYear YearOf(int year) => RealFile.HolidayYears.Single(y => y.Year == year);

    [Fact]
    public void Holidays2026_EveryDate_IsTheStateCouncilNotice()
    {
        Assert.Equal(Expand(Notice2026), YearOf(2026).Holidays.OrderBy(h => h.Date));
    }

    [Fact]
    public void MakeUpWorkdays2026_EveryDate_IsTheStateCouncilNotice()
    {
        Assert.Equal(MakeUp2026.Select(Day), YearOf(2026).MakeUpWorkdays.Select(m => m.Date).Order());
        Assert.All(MakeUp2026.Select(Day), d => Assert.True(d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, $"{d} is a weekend day made a working day"));
    }

    [Theory]
    [InlineData("2026-09-24", true)] // Thursday before 中秋: a working day
    [InlineData("2026-09-25", false)]
    [InlineData("2026-09-27", false)]
    [InlineData("2026-09-28", true)]
    [InlineData("2026-09-20", true)] // Sunday made up for 国庆
    [InlineData("2026-10-08", true)]
    [InlineData("2026-01-04", true)]
    [InlineData("2026-02-24", true)]
    public void OfficeCalendar_AroundTheHolidays2026_WorksOnTheRightDays(string date, bool working)
    {
        Assert.Equal(working, Office.IsWorkingDay(Day(date)));
    }

    [Fact]
    public void Holidays2027_EveryDate_IsWhatTheFileSays()
    {
        var year = YearOf(2027);
        Assert.True(year.Provisional);
        Assert.Equal(Expand(File2027), year.Holidays.OrderBy(h => h.Date));
        Assert.Empty(year.MakeUpWorkdays);
    }

    /// <summary>
    /// The 2024 放假办法's statutory days for 2027 (元旦; 除夕 and 初一–初三 with 春节 on 6 February; 清明 5 April; 5月1–2日;
    /// 端午 9 June; 中秋 15 September; 10月1–3日) all lie inside the file's provisional holidays of the right name.
    /// </summary>
    [Theory]
    [InlineData("2027-01-01", "元旦")]
    [InlineData("2027-02-05", "春节")]
    [InlineData("2027-02-06", "春节")]
    [InlineData("2027-02-07", "春节")]
    [InlineData("2027-02-08", "春节")]
    [InlineData("2027-04-05", "清明节")]
    [InlineData("2027-05-01", "劳动节")]
    [InlineData("2027-05-02", "劳动节")]
    [InlineData("2027-06-09", "端午节")]
    [InlineData("2027-09-15", "中秋节")]
    [InlineData("2027-10-01", "国庆节")]
    [InlineData("2027-10-02", "国庆节")]
    [InlineData("2027-10-03", "国庆节")]
    public void Holidays2027_StatutoryDay_IsInTheFile(string date, string name)
    {
        Assert.Contains(new HolidayDate(Day(date), name), YearOf(2027).Holidays);
    }

    [Theory]
    [InlineData(2026)]
    [InlineData(2027)]
    public void HolidayYear_Dates_AreOfTheirYearUniqueAndEachFestivalOneUnbrokenRun(int year)
    {
        var entry = YearOf(year);
        var dates = entry.Holidays.Select(h => h.Date).Concat(entry.MakeUpWorkdays.Select(m => m.Date)).ToList();
        Assert.All(dates, d => Assert.Equal(year, d.Year));
        Assert.Equal(dates.Count, dates.Distinct().Count());
        foreach (var festival in entry.Holidays.GroupBy(h => h.Name))
        {
            var days = festival.Select(h => h.Date.DayNumber).Order().ToList();
            Assert.Equal(Enumerable.Range(days[0], days.Count), days);
        }
    }
}
