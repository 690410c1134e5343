using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace Deliberation.Domain.Calendars;

/// <summary>The unit a <see cref="DeadlineSpec"/> counts in.</summary>
public enum DeadlineUnit
{
    /// <summary>Minutes.</summary>
    Minutes,

    /// <summary>Hours.</summary>
    Hours,

    /// <summary>Days: calendar days, or with working time "within N working days" as 12345 counts it.</summary>
    Days,
}

/// <summary>
/// A deadline as policy files write it ("2 working hours", "7 working days", "24 hours"), kept as text
/// so operators can edit it, and turned into an instant only against a unit's <see cref="WorkingCalendar"/>.
/// </summary>
[JsonConverter(typeof(DeadlineSpecJsonConverter))]
public readonly record struct DeadlineSpec
{
    /// <summary>Largest amount accepted, so that due dates stay far from overflow.</summary>
    public const int MaxAmount = 100_000;

    private const string Expected =
        "expected \"<whole number> [working] minutes|hours|days\", e.g. \"2 working hours\", \"7 working days\" or \"24 hours\"";

    /// <summary>Creates a spec.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative or above <see cref="MaxAmount"/>.</exception>
    public DeadlineSpec(int amount, DeadlineUnit unit, bool working)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amount, MaxAmount);
        if (!Enum.IsDefined(unit))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown deadline unit.");
        }

        Amount = amount;
        Unit = unit;
        Working = working;
    }

    /// <summary>How many units.</summary>
    public int Amount { get; }

    /// <summary>What is counted.</summary>
    public DeadlineUnit Unit { get; }

    /// <summary>True when only working time (or working days) counts; false for wall-clock time.</summary>
    public bool Working { get; }

    /// <summary>Parses the policy-file text.</summary>
    /// <exception cref="FormatException">The text is not of the form "N [working] minutes|hours|days".</exception>
    public static DeadlineSpec Parse(string text) =>
        TryParse(text, out var spec, out var error) ? spec : throw new FormatException(error);

    /// <summary>Parses the policy-file text, returning false instead of throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out DeadlineSpec spec) => TryParse(text, out spec, out _);

    /// <summary>The instant the deadline falls due for something that started at <paramref name="start"/>.</summary>
    /// <remarks>
    /// Working minutes/hours count only open time; working days close at the end of the Nth working day;
    /// plain minutes/hours are elapsed time; plain days are calendar days on the zone's wall clock.
    /// </remarks>
    public DateTimeOffset DueFrom(DateTimeOffset start, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return (Working, Unit) switch
        {
            (true, DeadlineUnit.Days) => calendar.AddWorkingDays(start, Amount),
            (true, _) => calendar.AddWorkingTime(start, Span),
            (false, DeadlineUnit.Days) => AddCalendarDays(start, calendar.Zone),
            (false, _) => TimeZoneInfo.ConvertTime(start + Span, calendar.Zone),
        };
    }

    /// <summary>The canonical text, e.g. "1 working day" or "30 minutes", which <see cref="Parse"/> accepts.</summary>
    public override string ToString()
    {
        var unit = Unit switch
        {
            DeadlineUnit.Minutes => "minute",
            DeadlineUnit.Hours => "hour",
            _ => "day",
        };
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Amount} {(Working ? "working " : string.Empty)}{unit}{(Amount == 1 ? string.Empty : "s")}");
    }

    private TimeSpan Span => Unit == DeadlineUnit.Hours ? TimeSpan.FromHours(Amount) : TimeSpan.FromMinutes(Amount);

    private DateTimeOffset AddCalendarDays(DateTimeOffset start, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(start, zone).DateTime.AddDays(Amount);
        return TimeZoneInfo.ConvertTime(new DateTimeOffset(local, zone.GetUtcOffset(local)), zone);
    }

    private static bool TryParse(string? text, out DeadlineSpec spec, out string error)
    {
        spec = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"Deadline is empty: {Expected}.";
            return false;
        }

        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var working = words.Length == 3 && string.Equals(words[1], "working", StringComparison.OrdinalIgnoreCase);
        if (words.Length != (working ? 3 : 2))
        {
            error = $"Deadline \"{text}\" is not understood: {Expected}.";
            return false;
        }

        if (!words[0].All(char.IsAsciiDigit)
            || !int.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            || amount > MaxAmount)
        {
            error = $"Deadline \"{text}\" must start with a whole number from 0 to {MaxAmount}: {Expected}.";
            return false;
        }

        DeadlineUnit? unit = words[^1].ToLowerInvariant() switch
        {
            "minute" or "minutes" => DeadlineUnit.Minutes,
            "hour" or "hours" => DeadlineUnit.Hours,
            "day" or "days" => DeadlineUnit.Days,
            _ => null,
        };
        if (unit is null)
        {
            error = $"Deadline \"{text}\" has unknown unit \"{words[^1]}\": {Expected}.";
            return false;
        }

        spec = new DeadlineSpec(amount, unit.Value, working);
        error = string.Empty;
        return true;
    }
}
