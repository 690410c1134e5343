using Deliberation.Domain.Calendars;
using Deliberation.Domain.Directory;
using Deliberation.Domain.Workflow;

namespace Deliberation.Storage.Directory;

/// <summary>The town as this process knows it: loaded from the directory tables at start.</summary>
public sealed class TownState
{
    private WorkflowContext? _context;

    public WorkflowContext Context => _context ?? throw new InvalidOperationException("The town directory has not been loaded yet.");

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public bool IsLoaded => _context is not null;

    public void Load(TownFile town, CalendarFile calendars, Domain.Routing.ICategoryClassifier? classifier = null)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(calendars.Zone);
        var byCalendar = calendars.Calendars.Keys.ToDictionary(id => id, id => calendars.For(id, zone), StringComparer.Ordinal);
        foreach (var unit in town.Directory.Units.Where(u => !byCalendar.ContainsKey(u.Calendar)))
        {
            throw new InvalidDataException($"units.{unit.Id}.calendar: no calendar '{unit.Calendar}' in the calendar file.");
        }

        Zone = zone;
        _context = new WorkflowContext(town.Directory, town.Policy, unitId => byCalendar[town.Directory.GetUnit(unitId).Calendar], classifier);
    }
}
