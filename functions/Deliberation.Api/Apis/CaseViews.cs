using Deliberation.Domain.Directory;
using Deliberation.Domain.Privacy;
using Deliberation.Domain.Publication;
using Deliberation.Domain.Workflow;
using Deliberation.Storage;
using Deliberation.Storage.Projections;

namespace Deliberation.Api.Apis;

public sealed record NamedRef(string Id, string Name);

public sealed record StaffTimelineEntry(int Version, DateTimeOffset At, string Event, CaseStatus Status, NamedRef? Unit, string? Actor, string? Note);

public sealed record ReporterView(Channel Channel, string? Phone, bool HasWeChat);

/// <summary>A co-report as staff see it: who (masked), when, and their words; <c>Key</c> names it for a split.</summary>
public sealed record CoReportView(string Key, Channel Channel, string? Phone, DateTimeOffset At, string Text, string? Place);

/// <summary>A case as staff see it. The reporter's phone is masked; the text is as the resident wrote it.</summary>
public sealed record StaffCaseView(
    string CaseId,
    CaseStatus Status,
    int Version,
    Channel Channel,
    RequestType RequestType,
    Urgency Urgency,
    string Text,
    string? Place,
    NamedRef? Category,
    NamedRef? Unit,
    Tier? Tier,
    NamedRef? Village,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? AcknowledgeDueAt,
    DateTimeOffset? RespondDueAt,
    DateTimeOffset? NextDeadlineAt,
    DeadlineKind? NextDeadlineKind,
    bool Overdue,
    string? Reply,
    int EscalationCount,
    int ReopenCount,
    int ReporterCount,
    bool HighPriority,
    ReporterView? Reporter,
    IReadOnlyList<CoReportView> CoReports,
    IReadOnlyList<StaffTimelineEntry> Timeline,
    IReadOnlyList<AttachmentView> Attachments,
    int Supporters = 0,
    int Support = 0,
    DeliberationView? Deliberation = null,
    DecisionView? Decision = null,
    ImplementationView? Implementation = null,
    SupervisionView? Supervision = null,
    WhistleView? Whistle = null);

/// <summary>
/// The public clock of a case before a committee (shown instead of the handling deadline): its meeting when one is
/// scheduled, and <c>DecisionDueAt</c>, by when it must be on an agenda (none yet) or its decision published.
/// </summary>
public sealed record DeliberationView(NamedRef? Committee, string? MeetingId, DateTimeOffset? MeetingAt, string? Place, DateTimeOffset? DecisionDueAt, int Round, string Line);

/// <summary>A meeting's decision on the case and its public review; <c>Line</c> says what residents can still do.</summary>
public sealed record DecisionView(
    string MeetingId,
    DeliberationOutcome Outcome,
    string Resolution,
    string? Votes,
    NamedRef? ResponsibleUnit,
    DateTimeOffset DecidedAt,
    DateTimeOffset ReviewEndsAt,
    bool InReview,
    int Objections,
    int ObjectionsNeeded,
    bool Reopened,
    string Line);

/// <summary>The case is the work of carrying out an adopted decision.</summary>
public sealed record ImplementationView(NamedRef? ResponsibleUnit, string Line);

/// <summary>督办, as staff see it: who, when, and the deadline it shortened.</summary>
public sealed record SupervisionView(string By, DateTimeOffset At, string? Note, DateTimeOffset? DeadlineBefore, DateTimeOffset? DeadlineAfter);

/// <summary>吹哨报到, as staff see it: the lead unit and each summoned department's report-in.</summary>
public sealed record WhistleView(int Round, string CalledBy, NamedRef Lead, DateTimeOffset At, string Reason, IReadOnlyList<SummonsView> Summoned);

public sealed record SummonsView(NamedRef Unit, DateTimeOffset DueAt, DateTimeOffset? ReportedAt, bool Missed);

/// <summary>A location ("lat,lon" and its label) or an image (media id or picture URL) the resident sent.</summary>
public sealed record AttachmentView(AttachmentKind Kind, string Reference, string? Label, DateTimeOffset At);

public sealed record Milestone(DateTimeOffset At, string Event, string? Unit);

/// <summary>
/// A case as the public sees it: no reporter, no text, and redacted replies and resolutions. <c>Support</c> counts
/// its reporters and residents' 附议; before a committee it shows its public clock, then the decision under review.
/// Supervision shows only that it happened (已督办), a whistle only the units summoned.
/// </summary>
public sealed record PublicCaseView(
    string CaseId,
    string? Category,
    string? Unit,
    CaseStatus Status,
    DateTimeOffset ReceivedAt,
    int Reporters,
    string? Reply,
    IReadOnlyList<Milestone> Milestones,
    int Support = 0,
    PublicDeliberation? Deliberation = null,
    PublicDecision? Decision = null,
    PublicImplementation? Implementation = null,
    string? Supervision = null,
    PublicWhistle? Whistle = null,
    Satisfaction? Rating = null);

public sealed record PublicDeliberation(string? Committee, DateTimeOffset? MeetingAt, string? Place, DateTimeOffset? DecisionDueAt, string Line);

public sealed record PublicDecision(
    string MeetingId,
    DeliberationOutcome Outcome,
    string Resolution,
    string? Votes,
    string? ResponsibleUnit,
    DateTimeOffset DecidedAt,
    DateTimeOffset ReviewEndsAt,
    bool InReview,
    int Objections,
    int ObjectionsNeeded,
    bool Reopened,
    string Line);

public sealed record PublicImplementation(string? ResponsibleUnit, string Line);

public sealed record PublicWhistle(string? Lead, IReadOnlyList<string> Summoned);

public sealed record PublicCaseSummary(string CaseId, string? Category, string? Unit, CaseStatus Status, int Reporters, DateTimeOffset ReceivedAt, DateTimeOffset UpdatedAt, string? Village = null);

public sealed record UnitCaseSummary(
    string CaseId,
    CaseStatus Status,
    NamedRef? Category,
    Urgency Urgency,
    int Reporters,
    bool HighPriority,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? NextDeadlineAt,
    bool Overdue);

public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken);

/// <summary>Maps stored cases to what each audience may see, in the town's time zone.</summary>
public sealed class CaseViews(TownDirectory directory, TimeZoneInfo zone)
{
    private static readonly HashSet<CaseStatus> Published = [CaseStatus.PublicReview, CaseStatus.Closed];

    /// <summary>Before a committee the public clock replaces the handling deadlines (left from before the referral).</summary>
    private static readonly HashSet<CaseStatus> BeforeCommittee = [CaseStatus.InDeliberation, CaseStatus.DecisionReview];

    public StaffCaseView Staff(CaseState state, IReadOnlyList<TimelineEntry> timeline, Reporter? reporter, IReadOnlyList<(CoReporter Report, Reporter Contact)> coReports) => new(
        state.CaseId,
        state.Status,
        state.Version,
        state.Channel,
        state.RequestType,
        state.Urgency,
        state.Text,
        state.Place,
        Category(state.Category),
        Unit(state.UnitId),
        state.Tier,
        Unit(state.Village),
        Local(state.ReceivedAt),
        BeforeCommittee.Contains(state.Status) ? null : Local(state.AcknowledgeDueAt),
        BeforeCommittee.Contains(state.Status) ? null : Local(state.RespondDueAt),
        Local(state.NextDeadlineAt),
        state.NextDeadlineKind,
        state.Overdue,
        state.Reply,
        state.EscalationCount,
        state.ReopenCount,
        state.ReporterCount,
        state.HighPriority,
        reporter is null ? null : new ReporterView(reporter.Channel, reporter.Phone is null ? null : Redactor.MaskPhone(reporter.Phone), reporter.WeChatOpenId is not null),
        coReports.Select(c => new CoReportView(c.Report.Key, c.Report.Channel, c.Contact.Phone is null ? null : Redactor.MaskPhone(c.Contact.Phone), Local(c.Report.At), c.Report.Text, c.Report.Place)).ToList(),
        timeline.Select(t => new StaffTimelineEntry(t.Version, Local(t.At), t.Event, t.Status, Unit(t.UnitId), t.ActorId, t.Note)).ToList(),
        state.Attachments.Select(a => new AttachmentView(a.Kind, a.Reference, a.Label, Local(a.At))).ToList(),
        state.Supporters,
        state.Support,
        state.Status == CaseStatus.InDeliberation ? new DeliberationView(
            Unit(state.Committee ?? state.UnitId), state.Meeting?.MeetingId, Local(state.Meeting?.At), state.Meeting?.Place, Local(state.DecisionDueAt), state.DeliberationRound, PublicClock.DeliberationLine(state, zone)) : null,
        state.Decision is { } d ? new DecisionView(
            d.MeetingId, d.Outcome, d.Resolution, d.Votes, Unit(d.ResponsibleUnit), Local(d.DecidedAt), Local(d.ReviewEndsAt), InReview(state), d.Objections, d.ObjectionsToReopen, d.Reopened, DecisionLine(state, d)) : null,
        state.Implementation ? new ImplementationView(Unit(state.Decision?.ResponsibleUnit ?? state.UnitId), ImplementationLine(state.Status)) : null,
        state.Supervision is { } s ? new SupervisionView(s.By, Local(s.At), s.Note, Local(s.DeadlineBefore), Local(s.DeadlineAfter)) : null,
        state.Whistle is { } w ? new WhistleView(
            w.Round, w.CalledBy, Unit(w.Lead)!, Local(w.At), w.Reason, w.Summoned.Select(m => new SummonsView(Unit(m.UnitId)!, Local(m.DueAt), Local(m.ReportedAt), m.Missed)).ToList()) : null);

    /// <summary>
    /// Everything free-text (reply, resolution, votes, meeting place) goes through the redactor, with the names the
    /// case's residents gave (<see cref="Storage.Cases.CaseStore.ReporterNamesAsync"/>): removed wherever a published text repeats them.
    /// </summary>
    public PublicCaseView Public(CaseState state, IReadOnlyList<TimelineEntry> timeline, IReadOnlyList<string> reporterNames)
    {
        string Redact(string text) => Redactor.Redact(text, reporterNames);
        var place = state.Meeting?.Place is { } p ? Redact(p) : null;
        return new(
            state.CaseId,
            Category(state.Category)?.Name,
            Unit(state.UnitId)?.Name,
            state.Status,
            Local(state.ReceivedAt),
            state.ReporterCount,
            Published.Contains(state.Status) ? Redactor.Redact(state.Reply, reporterNames) : null,
            timeline.Where(t => t.Public).Select(t => new Milestone(Local(t.At), t.Event, Unit(t.UnitId)?.Name)).ToList(),
            state.Support,
            state.Status == CaseStatus.InDeliberation ? new PublicDeliberation(
                Unit(state.Committee ?? state.UnitId)?.Name,
                Local(state.Meeting?.At),
                place,
                Local(state.DecisionDueAt),
                PublicClock.DeliberationLine(state.Meeting is { } meeting ? state with { Meeting = meeting with { Place = place } } : state, zone)) : null,
            state.Decision is { } d ? new PublicDecision(
                d.MeetingId,
                d.Outcome,
                Redact(d.Resolution),
                d.Votes is null ? null : Redact(d.Votes),
                Unit(d.ResponsibleUnit)?.Name,
                Local(d.DecidedAt),
                Local(d.ReviewEndsAt),
                InReview(state),
                d.Objections,
                d.ObjectionsToReopen,
                d.Reopened,
                DecisionLine(state, d)) : null,
            state.Implementation ? new PublicImplementation(Unit(state.Decision?.ResponsibleUnit ?? state.UnitId)?.Name, ImplementationLine(state.Status)) : null,
            state.Supervision is null ? null : "已督办",
            state.Whistle is { } w ? new PublicWhistle(Unit(w.Lead)?.Name, w.Summoned.Select(m => Unit(m.UnitId)!.Name).ToList()) : null,
            state.Satisfaction);
    }

    public PublicCaseSummary PublicSummary(CaseSummary s) =>
        new(s.CaseId, Category(s.Category)?.Name, Unit(s.UnitId)?.Name, s.Status, s.Reporters, Local(s.ReceivedAt), Local(s.UpdatedAt), Unit(s.Village)?.Name);

    public UnitCaseSummary UnitSummary(CaseSummary s) =>
        new(s.CaseId, s.Status, Category(s.Category), s.Urgency, s.Reporters, s.HighPriority, Local(s.ReceivedAt), Local(s.NextDeadlineAt), s.Overdue);

    private static bool InReview(CaseState state) => state.Status == CaseStatus.DecisionReview && state.Decision is { Reopened: false };

    private string DecisionLine(CaseState state, MeetingDecision decision) =>
        InReview(state) ? PublicClock.ReviewLine(state.CaseId, decision, zone) : PublicClock.AfterReviewLine(decision, zone);

    private static string ImplementationLine(CaseStatus status) => status switch
    {
        CaseStatus.PublicReview => "决议实施结果公示中",
        CaseStatus.Closed => "决议已实施",
        _ => "决议实施中",
    };

    private NamedRef? Unit(string? id) => id is null ? null : new(id, directory.FindUnit(id)?.Name ?? id);

    private NamedRef? Category(string? id) => id is null ? null : new(id, directory.FindCategory(id)?.Name ?? id);

    private DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone);

    private DateTimeOffset? Local(DateTimeOffset? at) => at is { } value ? Local(value) : null;
}
