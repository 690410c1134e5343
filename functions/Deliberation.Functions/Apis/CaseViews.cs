using Deliberation.Domain.Directory;
using Deliberation.Domain.Privacy;
using Deliberation.Domain.Workflow;
using Deliberation.Storage;
using Deliberation.Storage.Projections;

namespace Deliberation.Functions.Apis;

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
    IReadOnlyList<AttachmentView> Attachments);

/// <summary>A location ("lat,lon" and its label) or an image (media id or picture URL) the resident sent.</summary>
public sealed record AttachmentView(AttachmentKind Kind, string Reference, string? Label, DateTimeOffset At);

public sealed record Milestone(DateTimeOffset At, string Event, string? Unit);

/// <summary>A case as the public sees it: no reporter, no text, and redacted replies.</summary>
public sealed record PublicCaseView(
    string CaseId,
    string? Category,
    string? Unit,
    CaseStatus Status,
    DateTimeOffset ReceivedAt,
    int Reporters,
    string? Reply,
    IReadOnlyList<Milestone> Milestones);

public sealed record PublicCaseSummary(string CaseId, string? Category, string? Unit, CaseStatus Status, int Reporters, DateTimeOffset ReceivedAt, DateTimeOffset UpdatedAt);

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
        Local(state.AcknowledgeDueAt),
        Local(state.RespondDueAt),
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
        state.Attachments.Select(a => new AttachmentView(a.Kind, a.Reference, a.Label, Local(a.At))).ToList());

    public PublicCaseView Public(CaseState state, IReadOnlyList<TimelineEntry> timeline) => new(
        state.CaseId,
        Category(state.Category)?.Name,
        Unit(state.UnitId)?.Name,
        state.Status,
        Local(state.ReceivedAt),
        state.ReporterCount,
        // The reporter's own name (from their text) is removed wherever the reply repeats it.
        Published.Contains(state.Status) ? Redactor.Redact(state.Reply, Redactor.NamesIn(state.Text)) : null,
        timeline.Where(t => t.Public).Select(t => new Milestone(Local(t.At), t.Event, Unit(t.UnitId)?.Name)).ToList());

    public PublicCaseSummary PublicSummary(CaseSummary s) =>
        new(s.CaseId, Category(s.Category)?.Name, Unit(s.UnitId)?.Name, s.Status, s.Reporters, Local(s.ReceivedAt), Local(s.UpdatedAt));

    public UnitCaseSummary UnitSummary(CaseSummary s) =>
        new(s.CaseId, s.Status, Category(s.Category), s.Urgency, s.Reporters, s.HighPriority, Local(s.ReceivedAt), Local(s.NextDeadlineAt), s.Overdue);

    private NamedRef? Unit(string? id) => id is null ? null : new(id, directory.FindUnit(id)?.Name ?? id);

    private NamedRef? Category(string? id) => id is null ? null : new(id, directory.FindCategory(id)?.Name ?? id);

    private DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone);

    private DateTimeOffset? Local(DateTimeOffset? at) => at is { } value ? Local(value) : null;
}
