using System.Collections.ObjectModel;

namespace Deliberation.Domain.Calendars;

/// <summary>
/// Answers "when is this due?" for one unit: combines its opening hours with the holiday schedule and
/// the local time zone, so that deadlines skip nights, lunch breaks, weekends and public holidays.
/// </summary>
/// <remarks>
/// All instants are converted to <see cref="Zone"/> for the computation and returned with the zone's
/// offset. The calendar never reads the clock. Days outside the holiday data follow the weekly pattern.
/// </remarks>
public sealed class WorkingCalendar
{
    /// <summary>How many consecutive days without working time are searched before giving up.</summary>
    private const int MaxDaysWithoutWork = 3 * 366;

    private static readonly ReadOnlyCollection<WorkingPeriod> None = Array.AsReadOnly(Array.Empty<WorkingPeriod>());
    private static readonly ReadOnlyCollection<WorkingPeriod> WholeDay =
        Array.AsReadOnly(new[] { new WorkingPeriod(TimeOnly.MinValue, TimeOnly.MaxValue) });

    private readonly ReadOnlyCollection<WorkingPeriod> _weekday;
    private readonly ReadOnlyCollection<WorkingPeriod> _saturday;
    private readonly ReadOnlyCollection<WorkingPeriod> _sunday;

    /// <summary>Creates a calendar.</summary>
    /// <exception cref="ArgumentException">The definition has inverted or overlapping periods.</exception>
    public WorkingCalendar(CalendarDefinition definition, HolidaySchedule holidays, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(zone);
        Definition = definition;
        Holidays = holidays;
        Zone = zone;

        var weekday = (definition.Weekday ?? []).Concat(definition.Evening ?? []).ToList();
        Check(definition, "weekday and evening", weekday);
        Check(definition, "saturday", definition.Saturday ?? []);
        Check(definition, "sunday", definition.Sunday ?? []);
        _weekday = Array.AsReadOnly(PeriodRules.Merge(weekday));
        _saturday = Array.AsReadOnly(PeriodRules.Merge(definition.Saturday ?? []));
        _sunday = Array.AsReadOnly(PeriodRules.Merge(definition.Sunday ?? []));
    }

    /// <summary>The opening hours this calendar applies.</summary>
    public CalendarDefinition Definition { get; }

    /// <summary>The holidays and make-up working days this calendar applies.</summary>
    public HolidaySchedule Holidays { get; }

    /// <summary>The zone whose wall clock the periods are expressed in.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>True when the unit works at all on the local day.</summary>
    public bool IsWorkingDay(DateOnly day) => Definition.AlwaysOpen || PeriodsOn(day).Count > 0;

    /// <summary>
    /// The ordered, merged periods worked on the local day: the weekday schedule plus the evening shift on
    /// Monday–Friday and make-up working days, Saturday/Sunday hours on ordinary weekends, none on holidays.
    /// For an always-open calendar a single period 00:00–23:59:59.9999999 (the whole day).
    /// </summary>
    public IReadOnlyList<WorkingPeriod> PeriodsOn(DateOnly day)
    {
        if (Definition.AlwaysOpen)
        {
            return WholeDay;
        }

        if (Definition.ObservesHolidays)
        {
            if (Holidays.IsMakeUpWorkday(day))
            {
                return _weekday;
            }

            if (Holidays.IsHoliday(day))
            {
                return None;
            }
        }

        return day.DayOfWeek switch
        {
            DayOfWeek.Saturday => _saturday,
            DayOfWeek.Sunday => _sunday,
            _ => _weekday,
        };
    }

    /// <summary>True when the instant falls inside a working period (start inclusive, end exclusive).</summary>
    public bool IsOpen(DateTimeOffset at)
    {
        if (Definition.AlwaysOpen)
        {
            return true;
        }

        var local = ToZone(at).DateTime;
        var time = TimeOnly.FromDateTime(local);
        foreach (var p in PeriodsOn(DateOnly.FromDateTime(local)))
        {
            if (p.Start <= time && time < p.End)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The instant at which <paramref name="working"/> of working time has elapsed after
    /// <paramref name="start"/>; time outside working periods does not count. A zero amount gives
    /// <paramref name="start"/> when open, else the next opening.
    /// </summary>
    /// <exception cref="InvalidOperationException">The calendar has no working time for years on end.</exception>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan working)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(working, TimeSpan.Zero);
        if (Definition.AlwaysOpen)
        {
            return ToZone(start + working);
        }

        var remaining = working;
        var cursor = start;
        var day = LocalDate(start);
        var idleDays = 0;
        while (true)
        {
            var periods = PeriodsOn(day);
            var worked = false;
            foreach (var p in periods)
            {
                var end = ToInstant(day, p.End);
                if (end <= cursor)
                {
                    continue;
                }

                worked = true;
                var begin = ToInstant(day, p.Start);
                var from = begin > cursor ? begin : cursor;
                var available = end - from;
                if (remaining <= available)
                {
                    return ToZone(from + remaining);
                }

                remaining -= available;
                cursor = end;
            }

            idleDays = worked ? 0 : idleDays + 1;
            if (idleDays > MaxDaysWithoutWork)
            {
                throw NoWorkingTime(start);
            }

            day = day.AddDays(1);
        }
    }

    /// <summary>
    /// "Within N working days" as 12345 hotlines count it: counting starts on the working day after the
    /// local date of <paramref name="start"/>, and the deadline is the close of business (end of the last
    /// period, evening shift included) of the Nth working day. Zero means close of business today if still
    /// ahead, else of the next working day. For an always-open calendar: midnight ending the Nth calendar day.
    /// </summary>
    /// <exception cref="InvalidOperationException">The calendar has no working days for years on end.</exception>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var day = LocalDate(start);
        if (Definition.AlwaysOpen)
        {
            return ToZone(ToInstant(day.AddDays(days + 1), TimeOnly.MinValue));
        }

        if (days == 0)
        {
            var today = PeriodsOn(day);
            if (today.Count > 0 && ToInstant(day, today[^1].End) > start)
            {
                return ToZone(ToInstant(day, today[^1].End));
            }

            days = 1;
        }

        var counted = 0;
        var idleDays = 0;
        while (true)
        {
            day = day.AddDays(1);
            var periods = PeriodsOn(day);
            if (periods.Count == 0)
            {
                if (++idleDays > MaxDaysWithoutWork)
                {
                    throw NoWorkingTime(start);
                }

                continue;
            }

            idleDays = 0;
            if (++counted == days)
            {
                return ToZone(ToInstant(day, periods[^1].End));
            }
        }
    }

    /// <summary>The working time inside [<paramref name="from"/>, <paramref name="to"/>); zero if to ≤ from.</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        if (Definition.AlwaysOpen)
        {
            return to - from;
        }

        var total = TimeSpan.Zero;
        var last = LocalDate(to);
        for (var day = LocalDate(from); day <= last; day = day.AddDays(1))
        {
            foreach (var p in PeriodsOn(day))
            {
                var begin = ToInstant(day, p.Start);
                var end = ToInstant(day, p.End);
                var a = begin > from ? begin : from;
                var b = end < to ? end : to;
                if (b > a)
                {
                    total += b - a;
                }
            }
        }

        return total;
    }

    private static void Check(CalendarDefinition definition, string what, IEnumerable<WorkingPeriod> periods)
    {
        var problem = PeriodRules.FindProblem(periods);
        if (problem is not null)
        {
            throw new ArgumentException($"Calendar '{definition.Id}' {what}: {problem}.", nameof(definition));
        }
    }

    private InvalidOperationException NoWorkingTime(DateTimeOffset start) =>
        new($"Calendar '{Definition.Id}' has no working time in the {MaxDaysWithoutWork} days after {start:O}.");

    private DateTimeOffset ToZone(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    private DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToZone(instant).DateTime);

    private DateTimeOffset ToInstant(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
