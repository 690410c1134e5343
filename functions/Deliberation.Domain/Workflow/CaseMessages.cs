using System.Text.Json.Serialization;

namespace Deliberation.Domain.Workflow;

/// <summary>Who performed an action, as the edge authenticated them.</summary>
public sealed record Actor(string UserId, string UnitId, string Role);

/// <summary>
/// Input to the case workflow. Every message has an id (the idempotency key: a message id is
/// applied to a case once) and the instant it occurred.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(Submit), "submit")]
[JsonDerivedType(typeof(Route), "route")]
[JsonDerivedType(typeof(Acknowledge), "acknowledge")]
[JsonDerivedType(typeof(ReportProgress), "progress")]
[JsonDerivedType(typeof(Respond), "respond")]
[JsonDerivedType(typeof(Decline), "decline")]
[JsonDerivedType(typeof(Transfer), "transfer")]
[JsonDerivedType(typeof(Reassign), "reassign")]
[JsonDerivedType(typeof(Escalate), "escalate")]
[JsonDerivedType(typeof(ReferToDeliberation), "refer")]
[JsonDerivedType(typeof(DeliberationDecided), "deliberation-decided")]
[JsonDerivedType(typeof(ScheduleForMeeting), "schedule-for-meeting")]
[JsonDerivedType(typeof(MeetingCancelled), "meeting-cancelled")]
[JsonDerivedType(typeof(Support), "support")]
[JsonDerivedType(typeof(RaiseObjection), "objection")]
[JsonDerivedType(typeof(Supervise), "supervise")]
[JsonDerivedType(typeof(Whistle), "whistle")]
[JsonDerivedType(typeof(ReportIn), "report-in")]
[JsonDerivedType(typeof(Reopen), "reopen")]
[JsonDerivedType(typeof(ConfirmEmergency), "confirm-emergency")]
[JsonDerivedType(typeof(DowngradeUrgency), "downgrade-urgency")]
[JsonDerivedType(typeof(DeadlineDue), "deadline")]
[JsonDerivedType(typeof(Rate), "rate")]
[JsonDerivedType(typeof(CoReport), "co-report")]
[JsonDerivedType(typeof(SplitReport), "split")]
[JsonDerivedType(typeof(AddAttachment), "attachment")]
public abstract record CaseMessage(string MessageId, DateTimeOffset OccurredAt)
{
    public int SchemaVersion { get; init; } = 1;
}

/// <summary>A resident's suggestion or complaint arrives through a channel.</summary>
/// <param name="AcknowledgedInline">The channel's own answer (TwiML, a WeChat passive reply) already gave the case number.</param>
public sealed record Submit(
    string MessageId,
    DateTimeOffset OccurredAt,
    Channel Channel,
    string Text,
    string? Place = null,
    string? Category = null,
    RequestType? RequestType = null,
    Urgency? Urgency = null,
    bool AcknowledgedInline = false) : CaseMessage(MessageId, OccurredAt);

/// <summary>Classify and route a received case (sent by the workflow to itself).</summary>
public sealed record Route(string MessageId, DateTimeOffset OccurredAt) : CaseMessage(MessageId, OccurredAt);

public sealed record Acknowledge(string MessageId, DateTimeOffset OccurredAt, Actor Actor) : CaseMessage(MessageId, OccurredAt);

public sealed record ReportProgress(string MessageId, DateTimeOffset OccurredAt, Actor Actor, string Note) : CaseMessage(MessageId, OccurredAt);

public sealed record Respond(string MessageId, DateTimeOffset OccurredAt, Actor Actor, string Reply) : CaseMessage(MessageId, OccurredAt);

public sealed record Decline(string MessageId, DateTimeOffset OccurredAt, Actor Actor, string Reason) : CaseMessage(MessageId, OccurredAt);

/// <summary>退单: the unit says "not ours"; the case goes back to the dispatch centre, or to the unit it names.</summary>
public sealed record Transfer(string MessageId, DateTimeOffset OccurredAt, Actor Actor, string Reason, string? SuggestedUnit = null) : CaseMessage(MessageId, OccurredAt);

/// <summary>转派: the dispatch centre routes the case to a unit by hand.</summary>
public sealed record Reassign(string MessageId, DateTimeOffset OccurredAt, Actor Actor, string UnitId, string? Category = null) : CaseMessage(MessageId, OccurredAt);

public sealed record Escalate(string MessageId, DateTimeOffset OccurredAt, Actor Actor, string Reason) : CaseMessage(MessageId, OccurredAt);

/// <summary>提交议事: a committee puts the case on its deliberation agenda.</summary>
public sealed record ReferToDeliberation(string MessageId, DateTimeOffset OccurredAt, Actor Actor, string? Note = null) : CaseMessage(MessageId, OccurredAt);

[JsonConverter(typeof(JsonStringEnumConverter<DeliberationOutcome>))]
public enum DeliberationOutcome
{
    Adopted,
    Rejected,
    Deferred,
}

/// <summary>
/// A meeting decided on a referred case. An adopted decision names the unit that carries it out (the
/// committee itself when none is named); <paramref name="Votes"/> is the tally as the public sees it.
/// </summary>
public sealed record DeliberationDecided(
    string MessageId,
    DateTimeOffset OccurredAt,
    string MeetingId,
    DeliberationOutcome Outcome,
    string Resolution,
    string? ResponsibleUnit = null,
    string? Votes = null) : CaseMessage(MessageId, OccurredAt);

/// <summary>列入议程: the case is on the agenda of a committee's meeting on <paramref name="MeetingAt"/>.</summary>
public sealed record ScheduleForMeeting(string MessageId, DateTimeOffset OccurredAt, string MeetingId, DateTimeOffset MeetingAt, string? Place = null) : CaseMessage(MessageId, OccurredAt);

/// <summary>The meeting the case was on was cancelled (or the item taken off its agenda): it waits for the next one.</summary>
public sealed record MeetingCancelled(string MessageId, DateTimeOffset OccurredAt, string MeetingId, string Reason) : CaseMessage(MessageId, OccurredAt);

/// <summary>
/// 附议 by reply: a resident who did not report the matter supports it. The message id is derived from
/// the resident's key, so one resident counts once.
/// </summary>
public sealed record Support(string MessageId, DateTimeOffset OccurredAt, Channel? Channel, string ResidentKey) : CaseMessage(MessageId, OccurredAt)
{
    /// <summary>The message id of a resident's 附议 of a case: one per resident, so a resident counts once.</summary>
    public static string IdFor(string residentKey) => $"support-{residentKey}";
}

/// <summary>
/// 异议: a resident objects to a published decision (by SMS/WeChat reply, or the public API when
/// <paramref name="Channel"/> is null). The message id is derived from the resident's key and the decision
/// round, so one resident counts once per decision.
/// </summary>
public sealed record RaiseObjection(string MessageId, DateTimeOffset OccurredAt, Channel? Channel, string ResidentKey, string Reason) : CaseMessage(MessageId, OccurredAt);

/// <summary>督办: a representative (or the town) supervises the case; its remaining deadline shortens.</summary>
public sealed record Supervise(string MessageId, DateTimeOffset OccurredAt, Actor Actor, string? Note = null) : CaseMessage(MessageId, OccurredAt);

/// <summary>
/// 吹哨报到: a committee or representative summons departments to the case. <paramref name="Lead"/> takes the
/// case; every unit in <paramref name="Summoned"/> must report in within the policy's time and stays on the
/// case until it is resolved.
/// </summary>
public sealed record Whistle(string MessageId, DateTimeOffset OccurredAt, Actor Actor, string Lead, IReadOnlyList<string> Summoned, string Reason) : CaseMessage(MessageId, OccurredAt);

/// <summary>报到: a summoned department reports in (the actor's unit).</summary>
public sealed record ReportIn(string MessageId, DateTimeOffset OccurredAt, Actor Actor, string? Note = null) : CaseMessage(MessageId, OccurredAt);

/// <summary>A dispatcher confirms a possible emergency: it becomes an emergency, fast-tracked to the responsible department.</summary>
public sealed record ConfirmEmergency(string MessageId, DateTimeOffset OccurredAt, Actor Actor, string? Note = null) : CaseMessage(MessageId, OccurredAt);

/// <summary>A dispatcher downgrades a (possible) emergency to an ordinary case: routed as one, with ordinary deadlines.</summary>
public sealed record DowngradeUrgency(string MessageId, DateTimeOffset OccurredAt, Actor Actor, string Reason) : CaseMessage(MessageId, OccurredAt);

/// <summary>The resident was dissatisfied, or an objection was upheld.</summary>
public sealed record Reopen(string MessageId, DateTimeOffset OccurredAt, string Reason, Actor? Actor = null) : CaseMessage(MessageId, OccurredAt);

/// <summary>
/// Another resident reported the same matter; their report joins this case. <paramref name="AlreadySupported"/>: the
/// resident had supported the case by 附议 before, so they move from supporter to reporter and count once.
/// </summary>
public sealed record CoReport(string MessageId, DateTimeOffset OccurredAt, Channel Channel, string ReporterKey, bool AlreadySupported = false) : CaseMessage(MessageId, OccurredAt);

/// <summary>Staff undo a wrong merge: the co-report leaves this case (and becomes a case of its own).</summary>
/// <remarks><paramref name="WasSupporter"/>: the resident had supported the case by 附议 before reporting it; their support stays.</remarks>
public sealed record SplitReport(string MessageId, DateTimeOffset OccurredAt, Actor Actor, string ReporterKey, bool WasSupporter = false) : CaseMessage(MessageId, OccurredAt);

/// <summary>The resident answered the satisfaction survey.</summary>
public sealed record Rate(string MessageId, DateTimeOffset OccurredAt, Satisfaction Score) : CaseMessage(MessageId, OccurredAt);

/// <summary>A timer fired. It is void unless the case is still in the phase it was set for.</summary>
public sealed record DeadlineDue(string MessageId, DateTimeOffset OccurredAt, DeadlineKind Kind, int Phase, DateTimeOffset DueAt) : CaseMessage(MessageId, OccurredAt)
{
    /// <summary>The same timer has the same id on every path (queue message, sweep), so it fires once.</summary>
    public static string IdFor(DeadlineKind kind, int phase) => $"deadline-{kind}-{phase}";
}

/// <summary>What a resident sent besides text: where (a location) or a picture (an image).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AttachmentKind>))]
public enum AttachmentKind
{
    Location,
    Image,
}

/// <summary>
/// A location or an image the resident sent for the case. It changes no status and no deadline; staff see it,
/// the public never does.
/// </summary>
/// <param name="Reference">A location as "lat,lon"; an image as the channel's media id or picture URL.</param>
/// <param name="Label">A location's address as the channel labels it.</param>
public sealed record AddAttachment(string MessageId, DateTimeOffset OccurredAt, AttachmentKind Kind, string Reference, string? Label = null) : CaseMessage(MessageId, OccurredAt);
