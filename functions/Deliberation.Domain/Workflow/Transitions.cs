namespace Deliberation.Domain.Workflow;

/// <summary>One edge of the lifecycle. ⏰ marks a trigger that is a deadline.</summary>
public sealed record Transition(CaseStatus From, string Trigger, CaseStatus To);

/// <summary>
/// The lifecycle as a table. The decider refuses to make a move that is not listed here, and
/// WorkflowDocs draws its diagram from it, so the table, the code and the picture cannot drift apart.
/// </summary>
public static class Transitions
{
    public const string Route = "route";
    public const string RouteToTriage = "route [nothing fits]";
    public const string RouteRetry = "⏰ route again";
    public const string Reassign = "reassign";
    public const string TriageOverdue = "⏰ triage overdue: alert";
    public const string Acknowledge = "acknowledge";
    public const string Progress = "progress";
    public const string Respond = "respond";
    public const string Decline = "decline";
    public const string Transfer = "transfer (not ours)";
    public const string Escalate = "escalate";
    public const string Remind = "⏰ remind";
    public const string AcknowledgeOverdue = "⏰ not acknowledged: next tier";
    public const string RespondOverdue = "⏰ not responded: next tier";
    public const string OverdueAtTop = "⏰ overdue at the top tier: alert";
    public const string Refer = "refer to deliberation";
    public const string RouteToDeliberation = "route [self-governance matter]";
    public const string SupportReached = "support reaches the committee's threshold";
    public const string Support = "附议 by reply";
    public const string ScheduleMeeting = "put on a meeting's agenda";
    public const string MeetingCancelled = "meeting cancelled";
    public const string MeetingDecided = "meeting decided";
    public const string MeetingDeferred = "meeting deferred";
    public const string NoMeeting = "⏰ no meeting: next tier";
    public const string Objection = "objection (异议)";
    public const string ObjectionUpheld = "objections reach the threshold: reopen";
    public const string DecisionAdopted = "⏰ review ends [adopted]: implement";
    public const string DecisionRejected = "⏰ review ends [rejected]";
    public const string Supervise = "supervise (督办)";
    public const string Whistle = "whistle (吹哨报到)";
    public const string WhistleNewLead = "whistle with another lead";
    public const string ReportIn = "report in (报到)";
    public const string ReportInMissed = "⏰ report-in missed: alert";
    public const string Publish = "⏰ publish";
    public const string ReviewEnds = "⏰ review ends";
    public const string Reopen = "reopen";
    public const string Rate = "rate";
    public const string RateDissatisfied = "rated 不满意: reopen";
    public const string CoReport = "co-report (附议)";
    public const string Split = "split a co-report";
    public const string Attach = "attach location/image";
    public const string ConfirmEmergency = "confirm possible emergency";
    public const string Downgrade = "downgrade to ordinary";
    public const string DowngradeToTriage = "downgrade to ordinary [nothing fits]";

    private static readonly CaseStatus[] Working = [CaseStatus.Acknowledged, CaseStatus.InProgress];

    public static IReadOnlyList<Transition> All { get; } = Build();

    private static readonly HashSet<Transition> Lookup = [.. All];

    public static bool Allows(CaseStatus from, string trigger, CaseStatus to) => Lookup.Contains(new(from, trigger, to));

    /// <summary>The statuses a trigger may start from (used to explain a refusal).</summary>
    public static IEnumerable<CaseStatus> SourcesOf(string trigger) => All.Where(t => t.Trigger == trigger).Select(t => t.From).Distinct();

    private static List<Transition> Build()
    {
        List<Transition> t =
        [
            new(CaseStatus.Received, Route, CaseStatus.Dispatched),
            new(CaseStatus.Received, RouteToTriage, CaseStatus.Triage),
            new(CaseStatus.Received, RouteRetry, CaseStatus.Received),
            new(CaseStatus.Triage, Reassign, CaseStatus.Dispatched),
            new(CaseStatus.Triage, TriageOverdue, CaseStatus.Triage),
            new(CaseStatus.Dispatched, Acknowledge, CaseStatus.Acknowledged),
            new(CaseStatus.Dispatched, Remind, CaseStatus.Dispatched),
            new(CaseStatus.Dispatched, AcknowledgeOverdue, CaseStatus.Dispatched),
            new(CaseStatus.Dispatched, OverdueAtTop, CaseStatus.Dispatched),
            new(CaseStatus.Dispatched, Escalate, CaseStatus.Dispatched),
            new(CaseStatus.Dispatched, Transfer, CaseStatus.Triage),
            new(CaseStatus.Dispatched, Reassign, CaseStatus.Dispatched),
            new(CaseStatus.Dispatched, ConfirmEmergency, CaseStatus.Dispatched),
            new(CaseStatus.Dispatched, Downgrade, CaseStatus.Dispatched),
            new(CaseStatus.Dispatched, DowngradeToTriage, CaseStatus.Triage),
            new(CaseStatus.Acknowledged, Progress, CaseStatus.InProgress),
            new(CaseStatus.InProgress, Progress, CaseStatus.InProgress),
            new(CaseStatus.Received, RouteToDeliberation, CaseStatus.InDeliberation),
            new(CaseStatus.Dispatched, Refer, CaseStatus.InDeliberation),
            new(CaseStatus.Dispatched, SupportReached, CaseStatus.InDeliberation),
            new(CaseStatus.InDeliberation, ScheduleMeeting, CaseStatus.InDeliberation),
            new(CaseStatus.InDeliberation, MeetingCancelled, CaseStatus.InDeliberation),
            new(CaseStatus.InDeliberation, MeetingDecided, CaseStatus.DecisionReview),
            new(CaseStatus.InDeliberation, MeetingDeferred, CaseStatus.InDeliberation),
            new(CaseStatus.InDeliberation, NoMeeting, CaseStatus.Dispatched),
            new(CaseStatus.InDeliberation, Supervise, CaseStatus.InDeliberation),
            new(CaseStatus.InDeliberation, Reassign, CaseStatus.Dispatched),
            new(CaseStatus.DecisionReview, Objection, CaseStatus.DecisionReview),
            new(CaseStatus.DecisionReview, ObjectionUpheld, CaseStatus.InDeliberation),
            new(CaseStatus.DecisionReview, DecisionAdopted, CaseStatus.Dispatched),
            new(CaseStatus.DecisionReview, DecisionRejected, CaseStatus.Closed),
            new(CaseStatus.Responded, Publish, CaseStatus.PublicReview),
            new(CaseStatus.Declined, Publish, CaseStatus.PublicReview),
            new(CaseStatus.PublicReview, ReviewEnds, CaseStatus.Closed),
        ];

        foreach (var from in (CaseStatus[])[CaseStatus.Dispatched, .. Working])
        {
            t.Add(new(from, Supervise, from));
            t.Add(new(from, Whistle, from));
            t.Add(new(from, WhistleNewLead, CaseStatus.Dispatched));
            t.Add(new(from, ReportIn, from));
            t.Add(new(from, ReportInMissed, from));
        }

        foreach (var from in Working)
        {
            t.Add(new(from, Respond, CaseStatus.Responded));
            t.Add(new(from, Decline, CaseStatus.Declined));
            t.Add(new(from, Transfer, CaseStatus.Triage));
            t.Add(new(from, Reassign, CaseStatus.Dispatched));
            t.Add(new(from, Escalate, CaseStatus.Dispatched));
            t.Add(new(from, Remind, from));
            t.Add(new(from, RespondOverdue, CaseStatus.Dispatched));
            t.Add(new(from, ConfirmEmergency, CaseStatus.Dispatched));
            t.Add(new(from, Downgrade, CaseStatus.Dispatched));
            t.Add(new(from, DowngradeToTriage, CaseStatus.Triage));
            t.Add(new(from, OverdueAtTop, from));
            t.Add(new(from, Refer, CaseStatus.InDeliberation));
            t.Add(new(from, SupportReached, CaseStatus.InDeliberation));
        }

        foreach (var from in new[] { CaseStatus.Responded, CaseStatus.Declined, CaseStatus.PublicReview })
        {
            t.Add(new(from, Reopen, CaseStatus.Dispatched));
            t.Add(new(from, Rate, from));
            t.Add(new(from, RateDissatisfied, CaseStatus.Dispatched));
        }

        foreach (var from in Enum.GetValues<CaseStatus>().Where(s => s != CaseStatus.Closed))
        {
            // Co-reports join and attachments (a location, a picture) arrive in any open status; they keep the phase.
            t.Add(new(from, CoReport, from));
            t.Add(new(from, Support, from));
            t.Add(new(from, Split, from));
            t.Add(new(from, Attach, from));
        }

        return t;
    }
}
