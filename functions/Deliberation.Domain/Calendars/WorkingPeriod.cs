namespace Deliberation.Domain.Calendars;

/// <summary>A span of the day during which a unit works, in local (Asia/Shanghai) time.</summary>
/// <remarks>Half-open: the unit is working at <see cref="Start"/> but no longer at <see cref="End"/>.</remarks>
public readonly record struct WorkingPeriod(TimeOnly Start, TimeOnly End)
{
    /// <summary>How much working time the period holds (only meaningful when Start &lt; End).</summary>
    public TimeSpan Duration => End - Start;

    /// <summary>Formats as "08:30–11:30", the form used in validation messages.</summary>
    public override string ToString() =>
        $"{Start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)}–{End.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)}";
}
