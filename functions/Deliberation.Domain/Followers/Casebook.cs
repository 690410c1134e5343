using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Followers;

/// <summary>The figures of a representative's casebook (代表履职台账), computed the same way wherever they are shown.</summary>
public static class Casebook
{
    /// <summary>Statuses in which the case waits on a unit (or the dispatch centre, or a meeting), so a passed deadline is a late unit.</summary>
    private static readonly HashSet<CaseStatus> Owed =
        [CaseStatus.Triage, CaseStatus.Dispatched, CaseStatus.Acknowledged, CaseStatus.InProgress, CaseStatus.InDeliberation];

    /// <summary>Calendar days from the day the case was received to <paramref name="asOf"/>'s day, in the town's zone (0 on the day itself).</summary>
    public static int DaysOpen(DateTimeOffset receivedAt, DateTimeOffset asOf, TimeZoneInfo zone)
    {
        var from = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(receivedAt, zone).DateTime);
        var to = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(asOf, zone).DateTime);
        return Math.Max(0, to.DayNumber - from.DayNumber);
    }

    /// <summary>
    /// Overdue when the workflow has marked it so, or when the deadline a unit owes has passed and the sweep has not yet
    /// fired it. A passed publishing or review timer is the system's, not a late unit, and does not count.
    /// </summary>
    public static bool IsOverdue(CaseStatus status, bool markedOverdue, DateTimeOffset? nextDeadlineAt, DateTimeOffset now) =>
        status != CaseStatus.Closed && (markedOverdue || (Owed.Contains(status) && nextDeadlineAt < now));
}
