using Deliberation.Domain.Calendars;

namespace Deliberation.Domain.Tests.Calendars;

/// <summary>The real calendars.json and helpers for writing Shanghai instants tersely.</summary>
internal static class TestCalendars
{
    public static TimeZoneInfo Shanghai { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static CalendarFile RealFile { get; } = CalendarFile.Parse(
        System.IO.File.ReadAllText(RepoFiles.Path("functions", "Deliberation.Api", "Data", "calendars.json")));

    public static WorkingCalendar Office { get; } = RealFile.For("office", Shanghai);

    public static WorkingCalendar Office8Plus3 { get; } = RealFile.For("office-8plus3", Shanghai);

    public static WorkingCalendar ServicePoint { get; } = RealFile.For("service-point", Shanghai);

    public static WorkingCalendar RoundTheClock { get; } = RealFile.For("round-the-clock", Shanghai);

    public static WorkingCalendar Get(string id) => RealFile.For(id, Shanghai);

    /// <summary>A Shanghai wall-clock instant (UTC+8).</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));
}
