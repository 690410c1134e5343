namespace Deliberation.Domain.Calendars;

/// <summary>
/// The public holidays (days off) and make-up working days (调休上班日) announced by the State Council,
/// which move working days away from the plain Monday–Friday pattern.
/// </summary>
public sealed class HolidaySchedule
{
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _makeUpWorkdays;
    private readonly HashSet<int> _years;

    /// <summary>Creates a schedule; <paramref name="years"/> defaults to the years the dates fall in.</summary>
    /// <exception cref="ArgumentException">A date is listed both as a holiday and as a make-up working day.</exception>
    public HolidaySchedule(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> makeUpWorkdays, IEnumerable<int>? years = null)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(makeUpWorkdays);
        _holidays = [.. holidays];
        _makeUpWorkdays = [.. makeUpWorkdays];
        var clash = _holidays.Where(_makeUpWorkdays.Contains).Order().ToList();
        if (clash.Count > 0)
        {
            throw new ArgumentException(
                $"{clash[0]:yyyy-MM-dd} is listed both as a holiday and as a make-up working day.", nameof(makeUpWorkdays));
        }

        _years = years is null
            ? [.. _holidays.Concat(_makeUpWorkdays).Select(d => d.Year)]
            : [.. years];
    }

    /// <summary>A schedule with no holidays, for units or tests that only follow the weekly pattern.</summary>
    public static HolidaySchedule Empty { get; } = new([], []);

    /// <summary>Years for which holiday data was supplied.</summary>
    public IReadOnlyCollection<int> Years => _years;

    /// <summary>True when the day is a public holiday (day off), weekend days of a holiday block included.</summary>
    public bool IsHoliday(DateOnly day) => _holidays.Contains(day);

    /// <summary>True when the day is a weekend day that is worked to make up for a holiday.</summary>
    public bool IsMakeUpWorkday(DateOnly day) => _makeUpWorkdays.Contains(day);

    /// <summary>
    /// True when the schedule has data for the day's year; outside it every day follows the weekly pattern,
    /// which callers may want to flag.
    /// </summary>
    public bool Covers(DateOnly day) => _years.Contains(day.Year);
}
