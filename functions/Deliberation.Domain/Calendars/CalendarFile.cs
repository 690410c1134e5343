using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Deliberation.Domain.Calendars;

/// <summary>One dated entry of a holiday notice, named so operators can check it against the notice.</summary>
public sealed record HolidayDate(DateOnly Date, string Name);

/// <summary>
/// One year's holiday arrangement as published by the State Council, with where it came from so a
/// provisional year can be spotted and replaced.
/// </summary>
/// <param name="Year">Calendar year the arrangement covers.</param>
/// <param name="Source">The notice the dates come from.</param>
/// <param name="Provisional">True when the dates are an estimate pending the official notice.</param>
/// <param name="Note">Free-text remark for operators.</param>
/// <param name="Holidays">Days off, weekend days of a holiday block included.</param>
/// <param name="MakeUpWorkdays">Weekend days worked instead (调休上班日).</param>
public sealed record HolidayYear(
    int Year,
    string Source,
    bool Provisional,
    string? Note,
    IReadOnlyList<HolidayDate> Holidays,
    IReadOnlyList<HolidayDate> MakeUpWorkdays);

/// <summary>
/// The calendars file (<c>calendars.json</c>): opening hours of each kind of unit and the holiday
/// arrangements, kept as data so operators can add next year's notice without a release.
/// </summary>
public sealed class CalendarFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private CalendarFile(
        string zone,
        IReadOnlyDictionary<string, CalendarDefinition> calendars,
        IReadOnlyList<HolidayYear> holidayYears)
    {
        Zone = zone;
        Calendars = calendars;
        HolidayYears = holidayYears;
        Holidays = new HolidaySchedule(
            holidayYears.SelectMany(y => y.Holidays).Select(h => h.Date),
            holidayYears.SelectMany(y => y.MakeUpWorkdays).Select(h => h.Date),
            holidayYears.Select(y => y.Year));
    }

    /// <summary>IANA id of the zone the periods are written in, e.g. Asia/Shanghai.</summary>
    public string Zone { get; }

    /// <summary>Opening hours by calendar id.</summary>
    public IReadOnlyDictionary<string, CalendarDefinition> Calendars { get; }

    /// <summary>All years' holidays and make-up working days together.</summary>
    public HolidaySchedule Holidays { get; }

    /// <summary>The per-year arrangements as written, in file order.</summary>
    public IReadOnlyList<HolidayYear> HolidayYears { get; }

    /// <summary>Reads and validates the file.</summary>
    /// <exception cref="FormatException">The JSON is malformed or a field is missing or invalid; the message names the field.</exception>
    public static CalendarFile Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        FileDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<FileDto>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Calendar file is invalid at {ex.Path ?? "$"}: {ex.Message}", ex);
        }

        if (dto is null)
        {
            throw new FormatException("Calendar file is empty (null).");
        }

        if (string.IsNullOrWhiteSpace(dto.Zone))
        {
            throw new FormatException("Calendar file: 'zone' is required, e.g. \"Asia/Shanghai\".");
        }

        if (dto.Calendars is null || dto.Calendars.Count == 0)
        {
            throw new FormatException("Calendar file: 'calendars' is required and must define at least one calendar.");
        }

        var calendars = new Dictionary<string, CalendarDefinition>(StringComparer.Ordinal);
        foreach (var (id, calendar) in dto.Calendars)
        {
            calendars.Add(id, ReadCalendar(id, calendar));
        }

        var years = ReadYears(dto.HolidayYears ?? []);
        return new CalendarFile(dto.Zone.Trim(), calendars, years);
    }

    /// <summary>The working calendar for a unit using <paramref name="calendarId"/>, with this file's holidays.</summary>
    /// <exception cref="ArgumentException">No calendar has that id.</exception>
    public WorkingCalendar For(string calendarId, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(calendarId);
        if (!Calendars.TryGetValue(calendarId, out var definition))
        {
            throw new ArgumentException(
                $"Unknown calendar '{calendarId}'; the calendar file defines: {string.Join(", ", Calendars.Keys)}.",
                nameof(calendarId));
        }

        return new WorkingCalendar(definition, Holidays, zone);
    }

    private static CalendarDefinition ReadCalendar(string id, CalendarDto? dto)
    {
        var path = $"calendars.{id}";
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new FormatException("Calendar file: 'calendars' has an empty id.");
        }

        if (dto is null)
        {
            throw new FormatException($"Calendar file: '{path}' is null.");
        }

        if (string.IsNullOrWhiteSpace(dto.Name))
        {
            throw new FormatException($"Calendar file: '{path}.name' is required.");
        }

        var weekday = ReadPeriods($"{path}.weekday", dto.Weekday) ?? [];
        var evening = ReadPeriods($"{path}.evening", dto.Evening);
        var saturday = ReadPeriods($"{path}.saturday", dto.Saturday);
        var sunday = ReadPeriods($"{path}.sunday", dto.Sunday);
        var alwaysOpen = dto.AlwaysOpen ?? false;

        CheckPeriods($"{path}.weekday/evening", weekday.Concat(evening ?? []));
        CheckPeriods($"{path}.saturday", saturday ?? []);
        CheckPeriods($"{path}.sunday", sunday ?? []);

        var hasPeriods = weekday.Count + (evening?.Count ?? 0) + (saturday?.Count ?? 0) + (sunday?.Count ?? 0) > 0;
        if (alwaysOpen && hasPeriods)
        {
            throw new FormatException($"Calendar file: '{path}' is alwaysOpen, so it must not list working periods.");
        }

        if (!alwaysOpen && !hasPeriods)
        {
            throw new FormatException($"Calendar file: '{path}' has no working periods; give 'weekday' hours or set 'alwaysOpen'.");
        }

        return new CalendarDefinition(
            id, dto.Name.Trim(), weekday, evening, saturday, sunday, alwaysOpen, dto.ObservesHolidays ?? true);
    }

    private static List<WorkingPeriod>? ReadPeriods(string path, List<PeriodDto?>? dtos)
    {
        if (dtos is null)
        {
            return null;
        }

        var periods = new List<WorkingPeriod>(dtos.Count);
        for (var i = 0; i < dtos.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            var dto = dtos[i] ?? throw new FormatException($"Calendar file: '{itemPath}' is null.");
            var period = new WorkingPeriod(ReadTime($"{itemPath}.start", dto.Start), ReadTime($"{itemPath}.end", dto.End));
            if (period.Start >= period.End)
            {
                throw new FormatException($"Calendar file: '{itemPath}': start {period.Start:HH\\:mm} must be before end {period.End:HH\\:mm}.");
            }

            periods.Add(period);
        }

        return periods;
    }

    private static TimeOnly ReadTime(string path, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException($"Calendar file: '{path}' is required (\"HH:mm\").");
        }

        if (!TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            throw new FormatException($"Calendar file: '{path}' is \"{text}\", which is not a time of day as \"HH:mm\".");
        }

        return time;
    }

    private static void CheckPeriods(string path, IEnumerable<WorkingPeriod> periods)
    {
        var problem = PeriodRules.FindProblem(periods);
        if (problem is not null)
        {
            throw new FormatException($"Calendar file: '{path}': {problem}.");
        }
    }

    private static List<HolidayYear> ReadYears(List<HolidayYearDto?> dtos)
    {
        var years = new List<HolidayYear>(dtos.Count);
        var seenYears = new HashSet<int>();
        var allHolidays = new Dictionary<DateOnly, string>();
        var allMakeUps = new Dictionary<DateOnly, string>();
        for (var i = 0; i < dtos.Count; i++)
        {
            var path = $"holidayYears[{i}]";
            var dto = dtos[i] ?? throw new FormatException($"Calendar file: '{path}' is null.");
            if (dto.Year is not { } year || year < 1900 || year > 9999)
            {
                throw new FormatException($"Calendar file: '{path}.year' is required and must be a year such as 2026.");
            }

            if (!seenYears.Add(year))
            {
                throw new FormatException($"Calendar file: '{path}.year': {year} appears more than once.");
            }

            if (string.IsNullOrWhiteSpace(dto.Source))
            {
                throw new FormatException($"Calendar file: '{path}.source' is required: name the State Council notice the dates come from.");
            }

            var holidays = ReadDates($"{path}.holidays", year, dto.Holidays, allHolidays, mustBeWeekend: false);
            var makeUps = ReadDates($"{path}.makeUpWorkdays", year, dto.MakeUpWorkdays, allMakeUps, mustBeWeekend: true);
            foreach (var m in makeUps)
            {
                if (allHolidays.TryGetValue(m.Date, out var holidayPath))
                {
                    throw new FormatException(
                        $"Calendar file: {m.Date:yyyy-MM-dd} is listed both as a holiday ('{holidayPath}') and as a make-up working day ('{allMakeUps[m.Date]}').");
                }
            }

            years.Add(new HolidayYear(year, dto.Source.Trim(), dto.Provisional ?? false, dto.Note, holidays, makeUps));
        }

        return years;
    }

    private static List<HolidayDate> ReadDates(
        string path, int year, List<HolidayDateDto?>? dtos, Dictionary<DateOnly, string> seen, bool mustBeWeekend)
    {
        var dates = new List<HolidayDate>();
        for (var i = 0; i < (dtos?.Count ?? 0); i++)
        {
            var itemPath = $"{path}[{i}]";
            var dto = dtos![i] ?? throw new FormatException($"Calendar file: '{itemPath}' is null.");
            if (!DateOnly.TryParseExact(dto.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new FormatException($"Calendar file: '{itemPath}.date' is \"{dto.Date}\", which is not a date as \"yyyy-MM-dd\".");
            }

            if (date.Year != year)
            {
                throw new FormatException($"Calendar file: '{itemPath}.date' {date:yyyy-MM-dd} is not in {year}.");
            }

            if (string.IsNullOrWhiteSpace(dto.Name))
            {
                throw new FormatException($"Calendar file: '{itemPath}.name' is required (e.g. 春节).");
            }

            if (mustBeWeekend && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                throw new FormatException($"Calendar file: '{itemPath}.date' {date:yyyy-MM-dd} is a {date.DayOfWeek}; make-up working days fall on weekends.");
            }

            if (!seen.TryAdd(date, itemPath))
            {
                throw new FormatException($"Calendar file: '{itemPath}.date' {date:yyyy-MM-dd} is already listed at '{seen[date]}'.");
            }

            dates.Add(new HolidayDate(date, dto.Name.Trim()));
        }

        return dates;
    }

    private sealed class FileDto
    {
        public string? Description { get; set; }

        public string? Zone { get; set; }

        public Dictionary<string, CalendarDto?>? Calendars { get; set; }

        public List<HolidayYearDto?>? HolidayYears { get; set; }
    }

    private sealed class CalendarDto
    {
        public string? Name { get; set; }

        public string? Description { get; set; }

        public List<PeriodDto?>? Weekday { get; set; }

        public List<PeriodDto?>? Evening { get; set; }

        public List<PeriodDto?>? Saturday { get; set; }

        public List<PeriodDto?>? Sunday { get; set; }

        public bool? AlwaysOpen { get; set; }

        public bool? ObservesHolidays { get; set; }
    }

    private sealed class PeriodDto
    {
        public string? Start { get; set; }

        public string? End { get; set; }
    }

    private sealed class HolidayYearDto
    {
        public int? Year { get; set; }

        public string? Source { get; set; }

        public bool? Provisional { get; set; }

        public string? Note { get; set; }

        public List<HolidayDateDto?>? Holidays { get; set; }

        public List<HolidayDateDto?>? MakeUpWorkdays { get; set; }
    }

    private sealed class HolidayDateDto
    {
        public string? Date { get; set; }

        public string? Name { get; set; }
    }
}
