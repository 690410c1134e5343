using Deliberation.Domain.Calendars;
using static Deliberation.Domain.Tests.Calendars.TestCalendars;

namespace Deliberation.Domain.Tests.Calendars;

public sealed class WorkingCalendarTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public void FridayAfternoon_TwoWorkingHours_LandsMondayMorning()
    {
        var due = Office.AddWorkingTime(At(2026, 3, 13, 16, 0), TimeSpan.FromHours(2));

        Assert.Equal(At(2026, 3, 16, 9, 30), due);
        Assert.Equal(China, due.Offset);
    }

    [Fact]
    public void UtcInput_TwoWorkingHours_ComputedOnShanghaiClockAndReturnedInShanghaiOffset()
    {
        var start = new DateTimeOffset(2026, 3, 13, 8, 0, 0, TimeSpan.Zero); // 16:00 in Shanghai

        var due = Office.AddWorkingTime(start, TimeSpan.FromHours(2));

        Assert.Equal(new DateTimeOffset(2026, 3, 16, 9, 30, 0, China), due);
        Assert.Equal(China, due.Offset);
    }

    [Fact]
    public void BeforeLunch_OneWorkingHour_SkipsLunchBreak()
    {
        Assert.Equal(At(2026, 3, 11, 13, 30), Office.AddWorkingTime(At(2026, 3, 11, 11, 0), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void DuringLunch_OneWorkingHour_CountsFromAfternoonOpening()
    {
        Assert.Equal(At(2026, 3, 11, 14, 0), Office.AddWorkingTime(At(2026, 3, 11, 12, 10), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void ExactlyToClosing_TwoWorkingHours_EndsAtCloseNotNextMorning()
    {
        Assert.Equal(At(2026, 3, 11, 17, 0), Office.AddWorkingTime(At(2026, 3, 11, 15, 0), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void FridayBeforeQingming_TwoWorkingHours_SkipsHolidayToTuesday()
    {
        // 2026-04-04 (Sat) to 04-06 (Mon) is 清明节.
        Assert.Equal(At(2026, 4, 7, 9, 30), Office.AddWorkingTime(At(2026, 4, 3, 16, 0), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void NewYearsEve2025_TwoWorkingHours_SkipsNewYearToMakeUpSunday()
    {
        // 元旦 2026-01-01..03 off, Sunday 01-04 worked.
        Assert.Equal(At(2026, 1, 4, 9, 30), Office.AddWorkingTime(At(2025, 12, 31, 16, 0), TimeSpan.FromHours(2)));
    }

    [Theory]
    [InlineData(2026, 2, 14)]
    [InlineData(2026, 2, 28)]
    public void MakeUpSaturday_Office_IsWorkingDayWithWeekdayHours(int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);

        Assert.Equal(DayOfWeek.Saturday, date.DayOfWeek);
        Assert.True(Office.IsWorkingDay(date));
        Assert.Equal(
            [new WorkingPeriod(new(8, 30), new(11, 30)), new WorkingPeriod(new(13, 0), new(17, 0))],
            Office.PeriodsOn(date));
    }

    [Fact]
    public void MakeUpSaturday_8Plus3_UsesWeekdayAndEveningHoursNotSaturdayHours()
    {
        Assert.Equal(
            [new WorkingPeriod(new(8, 30), new(11, 30)), new WorkingPeriod(new(13, 0), new(20, 0))],
            Office8Plus3.PeriodsOn(new DateOnly(2026, 2, 28)));
    }

    [Fact]
    public void FridayBeforeMakeUpSaturday_TwoWorkingHours_LandsSaturdayMorning()
    {
        Assert.Equal(At(2026, 2, 28, 9, 30), Office.AddWorkingTime(At(2026, 2, 27, 16, 0), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void FridayBeforeSpringFestival_TwoWorkingHours_LandsOnMakeUpSaturday()
    {
        Assert.Equal(At(2026, 2, 14, 9, 30), Office.AddWorkingTime(At(2026, 2, 13, 16, 0), TimeSpan.FromHours(2)));
    }

    [Theory]
    [InlineData("office-8plus3", 11, 18, 0)]
    [InlineData("office", 12, 9, 30)]
    public void Afternoon_TwoWorkingHours_EveningShiftKeepsItSameDay(string calendar, int day, int hour, int minute)
    {
        var due = Get(calendar).AddWorkingTime(At(2026, 3, 11, 16, 0), TimeSpan.FromHours(2));

        Assert.Equal(At(2026, 3, day, hour, minute), due);
    }

    [Fact]
    public void OrdinaryWeekday_8Plus3_PeriodsAreMergedAcrossEveningShift()
    {
        Assert.Equal(
            [new WorkingPeriod(new(8, 30), new(11, 30)), new WorkingPeriod(new(13, 0), new(20, 0))],
            Office8Plus3.PeriodsOn(new DateOnly(2026, 3, 11)));
    }

    [Fact]
    public void OrdinarySaturday_8Plus3_OpenSaturdayMorningOnly()
    {
        var saturday = new DateOnly(2026, 3, 14);

        Assert.True(Office8Plus3.IsWorkingDay(saturday));
        Assert.Equal([new WorkingPeriod(new(9, 0), new(11, 30))], Office8Plus3.PeriodsOn(saturday));
        Assert.False(Office.IsWorkingDay(saturday));
        Assert.Empty(Office.PeriodsOn(saturday));
        Assert.False(Office8Plus3.IsWorkingDay(new DateOnly(2026, 3, 15)));
    }

    [Fact]
    public void SaturdayInsideSpringFestival_8Plus3_IsNotWorked()
    {
        var saturday = new DateOnly(2026, 2, 21);

        Assert.False(Office8Plus3.IsWorkingDay(saturday));
        Assert.Empty(Office8Plus3.PeriodsOn(saturday));
    }

    [Fact]
    public void Holiday_Office_HasNoPeriods()
    {
        Assert.False(Office.IsWorkingDay(new DateOnly(2026, 10, 1)));
        Assert.Empty(Office.PeriodsOn(new DateOnly(2026, 10, 1)));
    }

    [Theory]
    [InlineData(8, 29, false)]
    [InlineData(8, 30, true)]
    [InlineData(11, 29, true)]
    [InlineData(11, 30, false)]
    [InlineData(12, 0, false)]
    [InlineData(16, 59, true)]
    [InlineData(17, 0, false)]
    public void OrdinaryWednesday_Office_IsOpenOnlyInsidePeriods(int hour, int minute, bool open)
    {
        Assert.Equal(open, Office.IsOpen(At(2026, 3, 11, hour, minute)));
    }

    [Fact]
    public void EveningOnHoliday_8Plus3_IsClosed()
    {
        Assert.True(Office8Plus3.IsOpen(At(2026, 3, 11, 19, 0)));
        Assert.False(Office8Plus3.IsOpen(At(2026, 10, 2, 19, 0)));
    }

    [Fact]
    public void UtcInstant_IsOpen_JudgedOnShanghaiClock()
    {
        Assert.True(Office.IsOpen(new DateTimeOffset(2026, 3, 11, 1, 0, 0, TimeSpan.Zero))); // 09:00 Shanghai
        Assert.False(Office.IsOpen(new DateTimeOffset(2026, 3, 11, 9, 30, 0, TimeSpan.Zero))); // 17:30 Shanghai
    }

    [Fact]
    public void ZeroWorkingTime_WhenOpen_ReturnsStart()
    {
        Assert.Equal(At(2026, 3, 11, 10, 0), Office.AddWorkingTime(At(2026, 3, 11, 10, 0), TimeSpan.Zero));
    }

    [Theory]
    [InlineData(2026, 3, 11, 12, 0, 2026, 3, 11, 13, 0)]
    [InlineData(2026, 3, 11, 17, 0, 2026, 3, 12, 8, 30)]
    [InlineData(2026, 3, 13, 18, 0, 2026, 3, 16, 8, 30)]
    [InlineData(2026, 9, 30, 17, 30, 2026, 10, 8, 8, 30)]
    public void ZeroWorkingTime_WhenClosed_ReturnsNextOpening(int y, int mo, int d, int h, int mi, int ey, int emo, int ed, int eh, int emi)
    {
        Assert.Equal(At(ey, emo, ed, eh, emi), Office.AddWorkingTime(At(y, mo, d, h, mi), TimeSpan.Zero));
    }

    [Theory]
    [InlineData("office", 17)]
    [InlineData("office-8plus3", 20)]
    public void SevenWorkingDays_AcrossSpringFestival2026_LandsAfterHolidayAtCloseOfBusiness(string calendar, int closingHour)
    {
        // Working days after 2026-02-10: 02-11, 02-12, 02-13, 02-14 (make-up Sat), then 02-15..23 off, 02-24, 02-25, 02-26.
        var due = Get(calendar).AddWorkingDays(At(2026, 2, 10, 10, 0), 7);

        Assert.Equal(At(2026, 2, 26, closingHour, 0), due);
    }

    [Fact]
    public void SevenWorkingDays_AcrossNationalDay2026_LandsAfterHoliday()
    {
        // 09-29, 09-30, then 10-01..07 off, 10-08, 10-09, 10-10 (make-up Sat), 10-12, 10-13.
        Assert.Equal(At(2026, 10, 13, 17, 0), Office.AddWorkingDays(At(2026, 9, 28, 10, 0), 7));
    }

    [Fact]
    public void SevenWorkingDays_AcrossNationalDay2025_CountsBothMakeUpDays()
    {
        // 09-28 (make-up Sun), 09-29, 09-30, then 10-01..08 off, 10-09, 10-10, 10-11 (make-up Sat), 10-13.
        Assert.Equal(At(2025, 10, 13, 17, 0), Office.AddWorkingDays(At(2025, 9, 26, 10, 0), 7));
    }

    [Theory]
    [InlineData("office", 19, 17, 0)]
    [InlineData("office-8plus3", 18, 20, 0)]
    public void SevenWorkingDays_OrdinaryWeeks_SaturdayHoursCountAsWorkingDay(string calendar, int day, int hour, int minute)
    {
        Assert.Equal(At(2026, 3, day, hour, minute), Get(calendar).AddWorkingDays(At(2026, 3, 10, 23, 0), 7));
    }

    [Fact]
    public void WorkingDaysEndingOnSaturday_8Plus3_ClosesAtSaturdayClosingTime()
    {
        // From Sunday 03-08: 03-09..13 are five, Saturday 03-14 is the sixth.
        Assert.Equal(At(2026, 3, 14, 11, 30), Office8Plus3.AddWorkingDays(At(2026, 3, 8, 10, 0), 6));
    }

    [Fact]
    public void OneWorkingDay_StartedEarlyMorning_StillCountsFromNextDay()
    {
        Assert.Equal(At(2026, 3, 12, 17, 0), Office.AddWorkingDays(At(2026, 3, 11, 0, 5), 1));
    }

    [Theory]
    [InlineData(10, 11)]
    [InlineData(18, 12)]
    public void ZeroWorkingDays_ClosesTodayIfStillAheadElseNextWorkingDay(int startHour, int dueDay)
    {
        Assert.Equal(At(2026, 3, dueDay, 17, 0), Office.AddWorkingDays(At(2026, 3, 11, startHour, 0), 0));
    }

    [Fact]
    public void RoundTheClock_AddWorkingTime_IsPlainAdditionEvenOnHolidays()
    {
        Assert.Equal(At(2026, 2, 17, 8, 0), RoundTheClock.AddWorkingTime(At(2026, 2, 17, 3, 0), TimeSpan.FromHours(5)));
        Assert.True(RoundTheClock.IsOpen(At(2026, 2, 17, 3, 0)));
        Assert.True(RoundTheClock.IsWorkingDay(new DateOnly(2026, 2, 17)));
    }

    [Fact]
    public void RoundTheClock_AddWorkingDays_ReturnsMidnightEndingTheNthCalendarDay()
    {
        Assert.Equal(At(2026, 2, 18, 0, 0), RoundTheClock.AddWorkingDays(At(2026, 2, 10, 10, 0), 7));
    }

    [Fact]
    public void RoundTheClock_WorkingTimeBetween_IsElapsedTime()
    {
        Assert.Equal(TimeSpan.FromHours(50), RoundTheClock.WorkingTimeBetween(At(2026, 2, 16, 10, 0), At(2026, 2, 18, 12, 0)));
    }

    [Fact]
    public void FridayToMonday_WorkingTimeBetween_CountsOnlyOpenTime()
    {
        Assert.Equal(TimeSpan.FromHours(2), Office.WorkingTimeBetween(At(2026, 3, 13, 16, 0), At(2026, 3, 16, 9, 30)));
        Assert.Equal(TimeSpan.FromHours(7 + 3), Office8Plus3.WorkingTimeBetween(At(2026, 3, 11, 0, 0), At(2026, 3, 12, 0, 0)));
    }

    [Fact]
    public void ReversedRange_WorkingTimeBetween_IsZero()
    {
        Assert.Equal(TimeSpan.Zero, Office.WorkingTimeBetween(At(2026, 3, 16, 9, 30), At(2026, 3, 13, 16, 0)));
    }

    [Fact]
    public void NegativeAmounts_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Office.AddWorkingTime(At(2026, 3, 11), TimeSpan.FromMinutes(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Office.AddWorkingDays(At(2026, 3, 11), -1));
    }

    [Fact]
    public void CalendarWithoutWorkingTime_AddWorkingTime_ThrowsInsteadOfLoopingForever()
    {
        var closed = new WorkingCalendar(new CalendarDefinition("closed", "Closed", []), HolidaySchedule.Empty, Shanghai);

        Assert.Throws<InvalidOperationException>(() => closed.AddWorkingTime(At(2026, 3, 11), TimeSpan.FromHours(1)));
        Assert.Throws<InvalidOperationException>(() => closed.AddWorkingDays(At(2026, 3, 11), 1));
    }

    [Fact]
    public void OverlappingDefinition_Constructor_Throws()
    {
        var definition = new CalendarDefinition(
            "bad", "Bad", [new WorkingPeriod(new(8, 30), new(17, 0))], Evening: [new WorkingPeriod(new(16, 0), new(20, 0))]);

        var ex = Assert.Throws<ArgumentException>(() => new WorkingCalendar(definition, HolidaySchedule.Empty, Shanghai));
        Assert.Contains("overlap", ex.Message);
    }

    [Fact]
    public void NotObservingHolidays_WorksWeekdayHolidaysAndRestsOnMakeUpDays()
    {
        var definition = new CalendarDefinition(
            "steady", "Steady", [new WorkingPeriod(new(9, 0), new(17, 0))], ObservesHolidays: false);
        var steady = new WorkingCalendar(definition, RealFile.Holidays, Shanghai);

        Assert.True(steady.IsWorkingDay(new DateOnly(2026, 10, 1)));
        Assert.False(steady.IsWorkingDay(new DateOnly(2026, 10, 10)));
    }

    [Fact]
    public void YearWithoutHolidayData_FollowsWeeklyPattern()
    {
        Assert.False(Office.Holidays.Covers(new DateOnly(2030, 1, 1)));
        Assert.True(Office.IsWorkingDay(new DateOnly(2030, 1, 1)));
    }

    [Fact]
    public void LongHorizon_ThousandWorkingHours_Computes()
    {
        var start = At(2025, 1, 2, 9, 0);
        var due = Office.AddWorkingTime(start, TimeSpan.FromHours(1000));

        Assert.Equal(TimeSpan.FromHours(1000), Office.WorkingTimeBetween(start, due));
    }

    public static TheoryData<string> WorkingCalendars => ["office", "office-8plus3", "service-point"];

    [Theory]
    [MemberData(nameof(WorkingCalendars))]
    public void SampledInstants_WorkingTimeBetween_AgreesWithAddWorkingTime(string id)
    {
        var calendar = Get(id);
        var origin = At(2025, 12, 20, 0, 0);
        for (var i = 0; i < 300; i++)
        {
            // Deterministic walk over ~90 days (元旦 and 春节 2026 included) at irregular times of day.
            var start = origin + TimeSpan.FromMinutes(i * 433);
            var working = TimeSpan.FromMinutes(i * 97 % 1500);

            var due = calendar.AddWorkingTime(start, working);

            Assert.True(due >= start, $"{id} #{i}: {due:O} before {start:O}");
            Assert.Equal(working, calendar.WorkingTimeBetween(start, due));
            if (working > TimeSpan.Zero)
            {
                Assert.True(calendar.IsOpen(due.AddTicks(-1)), $"{id} #{i}: not open just before {due:O}");
                var first = TimeSpan.FromMinutes(Math.Floor(working.TotalMinutes / 3));
                Assert.Equal(due, calendar.AddWorkingTime(calendar.AddWorkingTime(start, first), working - first));
            }
            else
            {
                Assert.True(calendar.IsOpen(due), $"{id} #{i}: zero amount must land on an opening, got {due:O}");
            }

            var later = start + TimeSpan.FromMinutes(i * 181 % 7000);
            var between = calendar.WorkingTimeBetween(start, later);
            if (between > TimeSpan.Zero)
            {
                Assert.True(calendar.AddWorkingTime(start, between) <= later, $"{id} #{i}: overshoots {later:O}");
            }

            var middle = start + (later - start) / 2;
            Assert.Equal(between, calendar.WorkingTimeBetween(start, middle) + calendar.WorkingTimeBetween(middle, later));
        }
    }
}
