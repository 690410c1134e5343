using Deliberation.Domain.Calendars;
using Deliberation.Domain.Directory;
using Deliberation.Domain.Meetings;

namespace Deliberation.Domain.Workflow;

/// <summary>
/// One rule for the response deadline; the first rule whose conditions all hold applies.
/// A null condition matches anything.
/// </summary>
public sealed record ResponseRule(
    DeadlineSpec Deadline,
    Urgency? Urgency = null,
    string? DeadlineClass = null,
    RequestType? RequestType = null,
    Tier? Tier = null)
{
    public bool Matches(Urgency urgency, string deadlineClass, RequestType requestType, Tier tier) =>
        (Urgency is null || Urgency == urgency)
        && (DeadlineClass is null || DeadlineClass == deadlineClass)
        && (RequestType is null || RequestType == requestType)
        && (Tier is null || Tier == tier);
}

/// <summary>The timers of the workflow, as policy data (defaults follow 12345 practice).</summary>
public sealed record WorkflowPolicy
{
    /// <summary>A received case not routed by then is routed again.</summary>
    public DeadlineSpec RouteRetry { get; init; } = DeadlineSpec.Parse("10 minutes");

    /// <summary>The dispatch centre sorts a triage case within this, or the duty leader is alerted.</summary>
    public DeadlineSpec Triage { get; init; } = DeadlineSpec.Parse("2 working hours");

    public DeadlineSpec Acknowledge { get; init; } = DeadlineSpec.Parse("2 working hours");

    public DeadlineSpec EmergencyAcknowledge { get; init; } = DeadlineSpec.Parse("15 minutes");

    /// <summary>Share of the time to a deadline after which the unit is reminded (催办).</summary>
    public double RemindAt { get; init; } = 0.75;

    public IReadOnlyList<ResponseRule> Respond { get; init; } =
    [
        new(DeadlineSpec.Parse("2 hours"), Urgency: Workflow.Urgency.Emergency),
        new(DeadlineSpec.Parse("24 hours"), DeadlineClass: "utility"),
        new(DeadlineSpec.Parse("15 working days"), DeadlineClass: "complex"),
        new(DeadlineSpec.Parse("7 working days")),
    ];

    /// <summary>A reply waits this long (for the dispatch centre's check) before it is published.</summary>
    public DeadlineSpec ReviewBeforePublish { get; init; } = DeadlineSpec.Parse("1 working day");

    /// <summary>How long a published outcome is open for review before the case closes.</summary>
    public DeadlineSpec PublicReview { get; init; } = DeadlineSpec.Parse("7 days");

    /// <summary>A referred case must be on a meeting's agenda within this, or it escalates to the next tier.</summary>
    public DeadlineSpec Deliberation { get; init; } = DeadlineSpec.Parse("15 working days");

    /// <summary>A meeting's decision on a case is recorded and published within this after the meeting, or the case escalates.</summary>
    public DeadlineSpec DecisionAfterMeeting { get; init; } = DeadlineSpec.Parse("2 working days");

    /// <summary>How long a published decision is open to residents' objections (决议公开).</summary>
    public DeadlineSpec DecisionReview { get; init; } = DeadlineSpec.Parse("7 days");

    /// <summary>Co-reports and 附议 that put a case on its committee's agenda (a committee may set its own; 0 turns it off).</summary>
    public int SupportToRefer { get; init; } = 3;

    /// <summary>Residents' objections that reopen a published decision for the next meeting (a committee may set its own).</summary>
    public int ObjectionsToReopen { get; init; } = 5;

    /// <summary>An adopted decision is carried out by its responsible unit within this.</summary>
    public DeadlineSpec Implementation { get; init; } = DeadlineSpec.Parse("20 working days");

    /// <summary>督办: the share of the remaining (working) time a supervised case keeps.</summary>
    public double SupervisionFactor { get; init; } = 0.5;

    /// <summary>吹哨报到: a summoned department reports in within this.</summary>
    public DeadlineSpec ReportIn { get; init; } = DeadlineSpec.Parse("30 working minutes");

    /// <summary>Quorum and majority per meeting type; a type not listed needs at least half of the members present and more than half of them for.</summary>
    public IReadOnlyDictionary<Meetings.MeetingType, Meetings.MeetingRule> Meetings { get; init; } = new Dictionary<Meetings.MeetingType, Meetings.MeetingRule>
    {
        [Domain.Meetings.MeetingType.VillageRepresentatives] = new(Fraction.TwoThirds, Fraction.Half),
        [Domain.Meetings.MeetingType.ResidentsCouncil] = new(Fraction.TwoThirds, Fraction.Half),
        [Domain.Meetings.MeetingType.Hearing] = new(Fraction.Half, Fraction.Half),
        [Domain.Meetings.MeetingType.Consultation] = new(Fraction.Half, Fraction.Half),
    };

    public Meetings.MeetingRule RuleFor(Meetings.MeetingType type) =>
        Meetings.TryGetValue(type, out var rule) ? rule : new(new Fraction(1, 2), Fraction.Half);

    /// <summary>Below this confidence the classifier's guess is not trusted: the case goes to triage with the top three shown.</summary>
    public double ClassifierMinConfidence { get; init; } = 0.5;

    /// <summary>From this many reporters on, the case is high priority and its unit is told.</summary>
    public int HighPriorityReporters { get; init; } = 3;

    /// <summary>How often a resident's "不满意" sends the case back to the unit; after that the rating is only recorded.</summary>
    public int MaxReopensOnDissatisfaction { get; init; } = 2;

    /// <summary>At the top tier an overdue case cannot go higher: the duty leader is alerted again after this.</summary>
    public DeadlineSpec TopTierRealert { get; init; } = DeadlineSpec.Parse("1 working day");

    public DeadlineSpec ResponseDeadlineFor(Urgency urgency, string deadlineClass, RequestType requestType, Tier tier) =>
        Respond.FirstOrDefault(r => r.Matches(urgency, deadlineClass, requestType, tier))?.Deadline
        ?? DeadlineSpec.Parse("7 working days");
}

/// <summary>Everything the decider needs besides the case and the message: read-only town data.</summary>
public sealed class WorkflowContext(TownDirectory directory, WorkflowPolicy policy, Func<string, WorkingCalendar> calendarOfUnit, Routing.ICategoryClassifier? classifier = null)
{
    /// <summary>The trained classifier, when one is loaded; the catalogue's keyword rules apply first either way.</summary>
    public Routing.ICategoryClassifier? Classifier { get; } = classifier;

    public TownDirectory Directory { get; } = directory;

    public WorkflowPolicy Policy { get; } = policy;

    public WorkingCalendar CalendarOf(string unitId) => calendarOfUnit(unitId);
}
