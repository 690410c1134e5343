namespace Deliberation.Domain.Calendars;

/// <summary>
/// The opening hours of one kind of unit, independent of any year's holidays; a
/// <see cref="WorkingCalendar"/> combines it with a <see cref="HolidaySchedule"/>.
/// </summary>
/// <param name="Id">Stable key used in policy files, e.g. <c>office-8plus3</c>.</param>
/// <param name="Name">Display name for operators.</param>
/// <param name="Weekday">Periods worked Monday to Friday and on make-up working days (调休上班日).</param>
/// <param name="Evening">
/// The "8+3" evening shift of staggered hours (错时工作制), worked in addition on every day that uses the
/// weekday schedule; it is not added to Saturday or Sunday hours.
/// </param>
/// <param name="Saturday">Periods worked on Saturdays that are neither holidays nor make-up working days.</param>
/// <param name="Sunday">Periods worked on Sundays that are neither holidays nor make-up working days.</param>
/// <param name="AlwaysOpen">Staffed 24×7 (dispatch centre, police); periods and holidays are then ignored.</param>
/// <param name="ObservesHolidays">False for units that keep their weekly hours through public holidays.</param>
public sealed record CalendarDefinition(
    string Id,
    string Name,
    IReadOnlyList<WorkingPeriod> Weekday,
    IReadOnlyList<WorkingPeriod>? Evening = null,
    IReadOnlyList<WorkingPeriod>? Saturday = null,
    IReadOnlyList<WorkingPeriod>? Sunday = null,
    bool AlwaysOpen = false,
    bool ObservesHolidays = true);
