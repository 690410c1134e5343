using System.Text;

namespace Deliberation.Domain.Workflow;

/// <summary>The deadline a status waits on, and whether a reminder (催办) is sent before it.</summary>
/// <param name="Status">A non-final status.</param>
/// <param name="Deadline">The deadline kind that moves a case on from this status.</param>
/// <param name="Reminder">Whether a <see cref="DeadlineKind.Remind"/> is scheduled before it.</param>
public sealed record StatusDeadline(CaseStatus Status, DeadlineKind Deadline, bool Reminder);

/// <summary>
/// Generates the WorkflowDocs page of the case lifecycle from <see cref="Transitions.All"/>.
/// WorkflowDocsTests fails when the committed page differs from this output, and checks
/// <see cref="Deadlines"/> against what <see cref="CaseWorkflow"/> actually schedules.
/// </summary>
public static class WorkflowDiagram
{
    /// <summary>What each non-final status waits on, in lifecycle order (cross-checked against the decider by the tests).</summary>
    public static IReadOnlyList<StatusDeadline> Deadlines { get; } =
    [
        new(CaseStatus.Received, DeadlineKind.Route, Reminder: false),
        new(CaseStatus.Triage, DeadlineKind.Triage, Reminder: false),
        new(CaseStatus.Dispatched, DeadlineKind.Acknowledge, Reminder: true),
        new(CaseStatus.Acknowledged, DeadlineKind.Respond, Reminder: true),
        new(CaseStatus.InProgress, DeadlineKind.Respond, Reminder: true),
        new(CaseStatus.Responded, DeadlineKind.Publish, Reminder: false),
        new(CaseStatus.Declined, DeadlineKind.Publish, Reminder: false),
        new(CaseStatus.InDeliberation, DeadlineKind.Deliberation, Reminder: false),
        new(CaseStatus.PublicReview, DeadlineKind.CloseReview, Reminder: false),
        new(CaseStatus.DecisionReview, DeadlineKind.DecisionReview, Reminder: false),
    ];

    /// <summary>The Markdown page: title, explanation, deadline table and a Mermaid state diagram. LF line endings.</summary>
    public static string Markdown()
    {
        var md = new StringBuilder();
        Line(md, "# Case lifecycle");
        Line(md);
        Line(md, "<!-- Generated from Deliberation.Domain.Workflow (Transitions.All, WorkflowDiagram.Deadlines) by `./dev docs`. Do not edit by hand. -->");
        Line(md);
        Line(md, $"See also [{Meetings.DeliberationDiagram.FileName}]({Meetings.DeliberationDiagram.FileName}): committee meetings, the public review of their decisions, and representatives.");
        Line(md);
        Line(md, "Every suggestion becomes a case. It is received (受理), routed to a unit or to the dispatch centre's triage, "
            + "dispatched (派单), acknowledged (签收) and worked on (办理) until the unit replies or declines (办结); "
            + "the outcome is then published for public review (公示) and the case is closed (归档). A case can be transferred "
            + "back (退单), reassigned (转派), escalated to the next tier (超期升级), referred to a committee's deliberation "
            + "meeting (提交议事) or reopened. ⏰ marks a trigger that is a deadline: every status except Closed waits on one, "
            + "timed by the town's policy on the unit's working calendar (office hours, weekends, public holidays and their "
            + "make-up working days), so no case can stall.");
        Line(md);
        Line(md, "A referred case waits for a committee meeting: it must be put on an agenda in time, and once on one, the "
            + "meeting's decision must be out within a set time after the meeting (the public clock), or the case goes to the next tier. "
            + "A decision is published for review (决议公开): enough residents' objections send it back to the next meeting; "
            + "otherwise an adopted decision becomes implementation work for its responsible unit (dispatched again, with its "
            + "own deadline) whose result is published as the second 公开. Two timers run beside a status's own deadline and "
            + "are not in the table's deadline column: the reminder (催办) before it, and a whistle's report-in (吹哨报到), "
            + "which alerts the town about each summoned department that did not report in.");
        Line(md);
        Line(md, "| Status | ⏰ Deadline | What it triggers | Reminder (催办) before it |");
        Line(md, "|---|---|---|---|");
        foreach (var d in Deadlines)
        {
            var triggers = Transitions.All
                .Where(t => t.From == d.Status && IsDeadline(t.Trigger) && t.Trigger is not (Transitions.Remind or Transitions.ReportInMissed))
                .Select(t => $"{t.Trigger} → {t.To}")
                .Distinct();
            Line(md, $"| {d.Status} | {d.Deadline} | {string.Join("; ", triggers)} | {(d.Reminder ? "yes" : "no")} |");
        }

        Line(md);
        Line(md, "```mermaid");
        Line(md, "stateDiagram-v2");
        Line(md, $"    [*] --> {CaseStatus.Received} : submit");
        foreach (var t in Transitions.All)
        {
            Line(md, $"    {t.From} --> {t.To} : {t.Trigger}");
        }

        Line(md, $"    {CaseStatus.Closed} --> [*]");
        Line(md, "```");
        return md.ToString();
    }

    /// <summary>Whether a trigger of the transition table is a deadline (marked ⏰).</summary>
    public static bool IsDeadline(string trigger) => trigger.StartsWith('⏰');

    // Always "\n", whatever the platform, so the committed file is the same everywhere.
    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
