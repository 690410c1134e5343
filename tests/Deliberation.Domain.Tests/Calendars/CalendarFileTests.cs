using Deliberation.Domain.Calendars;
using static Deliberation.Domain.Tests.Calendars.TestCalendars;

namespace Deliberation.Domain.Tests.Calendars;

public sealed class CalendarFileTests
{
    private const string OfficeJson = """
        "office": { "name": "Office", "weekday": [ { "start": "08:30", "end": "11:30" }, { "start": "13:00", "end": "17:00" } ] }
        """;

    private static string FileWith(string calendars = OfficeJson, string holidayYears = "[]", string zone = "\"Asia/Shanghai\"") =>
        $$"""{ "zone": {{zone}}, "calendars": { {{calendars}} }, "holidayYears": {{holidayYears}} }""";

    private static string Year(string holidays, string makeUps = "") =>
        $$"""[ { "year": 2026, "source": "test", "holidays": [ {{holidays}} ], "makeUpWorkdays": [ {{makeUps}} ] } ]""";

    private static FormatException Invalid(string json) => Assert.Throws<FormatException>(() => CalendarFile.Parse(json));

    [Fact]
    public void RealFile_Loads_AllCalendarsInShanghai()
    {
        Assert.Equal("Asia/Shanghai", RealFile.Zone);
        Assert.Equal(["office", "office-8plus3", "service-point", "round-the-clock"], RealFile.Calendars.Keys);
        Assert.True(RealFile.Calendars["round-the-clock"].AlwaysOpen);
        Assert.Equal([new WorkingPeriod(new(17, 0), new(20, 0))], RealFile.Calendars["office-8plus3"].Evening);
        Assert.Equal([new WorkingPeriod(new(9, 0), new(11, 30))], RealFile.Calendars["service-point"].Saturday);
        foreach (var id in RealFile.Calendars.Keys)
        {
            Assert.Equal(id, RealFile.For(id, TimeZoneInfo.FindSystemTimeZoneById(RealFile.Zone)).Definition.Id);
        }
    }

    [Fact]
    public void RealFile_Years_2025And2026OfficialAnd2027Provisional()
    {
        Assert.Equal([2025, 2026, 2027], RealFile.HolidayYears.Select(y => y.Year));
        Assert.All(RealFile.HolidayYears, y => Assert.False(string.IsNullOrWhiteSpace(y.Source)));
        Assert.False(RealFile.HolidayYears[0].Provisional);
        Assert.False(RealFile.HolidayYears[1].Provisional);
        Assert.True(RealFile.HolidayYears[2].Provisional);
        Assert.False(string.IsNullOrWhiteSpace(RealFile.HolidayYears[2].Note));
        Assert.True(RealFile.Holidays.Covers(new DateOnly(2027, 12, 31)));
        Assert.False(RealFile.Holidays.Covers(new DateOnly(2028, 1, 1)));
        Assert.False(RealFile.Holidays.Covers(new DateOnly(2024, 12, 31)));
    }

    [Theory]
    [InlineData(2025, 28, 5)]
    [InlineData(2026, 33, 6)]
    public void RealFile_OfficialYears_MatchTheNoticesDayCounts(int year, int daysOff, int makeUpDays)
    {
        var entry = RealFile.HolidayYears.Single(y => y.Year == year);

        Assert.Equal(daysOff, entry.Holidays.Count);
        Assert.Equal(makeUpDays, entry.MakeUpWorkdays.Count);
    }

    [Fact]
    public void RealFile_SpringFestival2026_IsNineDaysWithTwoMakeUpSaturdays()
    {
        var year = RealFile.HolidayYears.Single(y => y.Year == 2026);
        var springFestival = year.Holidays.Where(h => h.Name == "春节").Select(h => h.Date).ToList();

        Assert.Equal(Enumerable.Range(15, 9).Select(d => new DateOnly(2026, 2, d)), springFestival);
        Assert.True(RealFile.Holidays.IsMakeUpWorkday(new DateOnly(2026, 2, 14)));
        Assert.True(RealFile.Holidays.IsMakeUpWorkday(new DateOnly(2026, 2, 28)));
        Assert.False(RealFile.Holidays.IsHoliday(new DateOnly(2026, 2, 24)));
    }

    [Theory]
    [InlineData("2025-01-26")]
    [InlineData("2025-02-08")]
    [InlineData("2025-04-27")]
    [InlineData("2025-09-28")]
    [InlineData("2025-10-11")]
    [InlineData("2026-01-04")]
    [InlineData("2026-05-09")]
    [InlineData("2026-09-20")]
    [InlineData("2026-10-10")]
    public void RealFile_MakeUpDays_AreWorkingDaysForOffice(string date)
    {
        Assert.True(Office.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Minimal_Parse_BuildsDefinitionWithDefaults()
    {
        var file = CalendarFile.Parse(FileWith());
        var office = file.Calendars["office"];

        Assert.Equal("Office", office.Name);
        Assert.True(office.ObservesHolidays);
        Assert.False(office.AlwaysOpen);
        Assert.Null(office.Evening);
        Assert.Empty(file.HolidayYears);
    }

    [Fact]
    public void OverlappingWeekdayPeriods_Parse_NamesCalendarAndPeriods()
    {
        var ex = Invalid(FileWith("""
            "bad": { "name": "Bad", "weekday": [ { "start": "08:30", "end": "12:00" }, { "start": "11:30", "end": "17:00" } ] }
            """));

        Assert.Contains("calendars.bad.weekday", ex.Message);
        Assert.Contains("overlap", ex.Message);
        Assert.Contains("08:30–12:00", ex.Message);
    }

    [Fact]
    public void EveningOverlappingWeekday_Parse_Throws()
    {
        var ex = Invalid(FileWith("""
            "bad": { "name": "Bad", "weekday": [ { "start": "08:30", "end": "17:30" } ], "evening": [ { "start": "17:00", "end": "20:00" } ] }
            """));

        Assert.Contains("calendars.bad.weekday/evening", ex.Message);
        Assert.Contains("overlap", ex.Message);
    }

    [Fact]
    public void InvertedPeriod_Parse_NamesTheField()
    {
        var ex = Invalid(FileWith("""
            "bad": { "name": "Bad", "saturday": [ { "start": "12:00", "end": "09:00" } ] }
            """));

        Assert.Contains("calendars.bad.saturday[0]", ex.Message);
    }

    [Theory]
    [InlineData("8:30am")]
    [InlineData("25:00")]
    [InlineData("08:30:00")]
    public void BadTime_Parse_NamesTheField(string time)
    {
        var ex = Invalid(FileWith($$"""
            "bad": { "name": "Bad", "weekday": [ { "start": "{{time}}", "end": "17:00" } ] }
            """));

        Assert.Contains("calendars.bad.weekday[0].start", ex.Message);
        Assert.Contains(time, ex.Message);
    }

    [Fact]
    public void DateBothHolidayAndMakeUpDay_Parse_Throws()
    {
        var ex = Invalid(FileWith(holidayYears: Year(
            """{ "date": "2026-02-14", "name": "春节" }""",
            """{ "date": "2026-02-14", "name": "春节调休上班" }""")));

        Assert.Contains("2026-02-14", ex.Message);
        Assert.Contains("both", ex.Message);
    }

    [Fact]
    public void DateBothHolidayAndMakeUpDay_HolidayScheduleConstructor_Throws()
    {
        var day = new DateOnly(2026, 2, 14);

        Assert.Throws<ArgumentException>(() => new HolidaySchedule([day], [day]));
    }

    [Fact]
    public void MakeUpDayOnWeekday_Parse_Throws()
    {
        var ex = Invalid(FileWith(holidayYears: Year(
            """{ "date": "2026-02-16", "name": "春节" }""", """{ "date": "2026-02-13", "name": "typo" }""")));

        Assert.Contains("holidayYears[0].makeUpWorkdays[0].date", ex.Message);
    }

    [Fact]
    public void DateOutsideItsYear_Parse_Throws()
    {
        var ex = Invalid(FileWith(holidayYears: Year("""{ "date": "2025-10-01", "name": "国庆节" }""")));

        Assert.Contains("holidayYears[0].holidays[0].date", ex.Message);
        Assert.Contains("not in 2026", ex.Message);
    }

    [Fact]
    public void DuplicateHoliday_Parse_Throws()
    {
        var ex = Invalid(FileWith(holidayYears: Year(
            """{ "date": "2026-10-01", "name": "国庆节" }, { "date": "2026-10-01", "name": "国庆节" }""")));

        Assert.Contains("holidayYears[0].holidays[1].date", ex.Message);
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("2026/10/01")]
    public void BadDate_Parse_NamesTheField(string date)
    {
        var ex = Invalid(FileWith(holidayYears: Year($$"""{ "date": "{{date}}", "name": "x" }""")));

        Assert.Contains("holidayYears[0].holidays[0].date", ex.Message);
    }

    [Fact]
    public void MissingSource_Parse_Throws()
    {
        var ex = Invalid(FileWith(holidayYears: """[ { "year": 2026, "holidays": [] } ]"""));

        Assert.Contains("holidayYears[0].source", ex.Message);
    }

    [Fact]
    public void MissingZone_Parse_Throws()
    {
        Assert.Contains("zone", Invalid(FileWith(zone: "null")).Message);
    }

    [Fact]
    public void MisspelledField_Parse_NamesIt()
    {
        var ex = Invalid(FileWith("""
            "bad": { "name": "Bad", "weekdays": [ { "start": "08:30", "end": "11:30" } ] }
            """));

        Assert.Contains("weekdays", ex.Message);
    }

    [Fact]
    public void CalendarWithoutHours_Parse_Throws()
    {
        Assert.Contains("calendars.empty", Invalid(FileWith("""  "empty": { "name": "Empty" }  """)).Message);
    }

    [Fact]
    public void AlwaysOpenWithHours_Parse_Throws()
    {
        var ex = Invalid(FileWith("""
            "both": { "name": "Both", "alwaysOpen": true, "weekday": [ { "start": "08:30", "end": "11:30" } ] }
            """));

        Assert.Contains("calendars.both", ex.Message);
    }

    [Fact]
    public void MalformedJson_Parse_ThrowsFormatException()
    {
        Invalid("{ \"zone\": ");
    }

    [Fact]
    public void UnknownCalendar_For_ThrowsListingKnownIds()
    {
        var ex = Assert.Throws<ArgumentException>(() => RealFile.For("nope", Shanghai));

        Assert.Contains("office-8plus3", ex.Message);
    }
}
