using System.Collections.Concurrent;
using Deliberation.Domain.Calendars;
using Deliberation.Domain.Directory;
using Deliberation.Domain.Tests.Calendars;
using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Tests.Workflow;

/// <summary>The demo town (新桥镇) and the real calendars, wired like the host's TownState does.</summary>
internal static class TestTown
{
    public const string DispatchCentre = "dispatch";

    public static TownFile File { get; } = TownFile.Parse(
        System.IO.File.ReadAllText(RepoFiles.Path("functions", "Deliberation.Api", "Data", "demo-town.json")));

    public static TownDirectory Directory => File.Directory;

    /// <summary>The demo town's own policy, as its file states it.</summary>
    public static WorkflowContext Context { get; } = ContextWith(File.Policy);

    private static readonly ConcurrentDictionary<string, WorkingCalendar> Calendars = new(StringComparer.Ordinal);

    public static WorkflowContext ContextWith(WorkflowPolicy policy) => new(Directory, policy, CalendarOf);

    public static WorkingCalendar CalendarOf(string unitId) =>
        Calendars.GetOrAdd(Directory.GetUnit(unitId).Calendar, TestCalendars.Get);
}
