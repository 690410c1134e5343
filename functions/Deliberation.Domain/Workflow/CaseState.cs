using Deliberation.Domain.Directory;

namespace Deliberation.Domain.Workflow;

/// <summary>
/// The whole state of one case. Personal data of the reporter is not here: it is kept apart
/// so that nothing derived from this record can leak it.
/// </summary>
public sealed record CaseState
{
    public required string CaseId { get; init; }

    /// <summary>Increments with every committed change; the timeline is keyed by it.</summary>
    public int Version { get; init; }

    /// <summary>Increments on every change of status or unit. Deadlines carry the phase they were set in.</summary>
    public int Phase { get; init; }

    public CaseStatus Status { get; init; }

    public Channel Channel { get; init; }

    public RequestType RequestType { get; init; }

    public Urgency Urgency { get; init; }

    public required string Text { get; init; }

    public string? Place { get; init; }

    /// <summary>Category given at intake (e.g. by the operator); routing prefers it.</summary>
    public string? CategoryHint { get; init; }

    public string? Category { get; init; }

    /// <summary>The village the place belongs to, when routing found one.</summary>
    public string? Village { get; init; }

    public string? UnitId { get; init; }

    public Tier? Tier { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the case was dispatched to its current unit.</summary>
    public DateTimeOffset? DispatchedAt { get; init; }

    public DateTimeOffset? AcknowledgeDueAt { get; init; }

    /// <summary>When the current unit signed for the case (签收); cleared by every new dispatch. 响应率 counts it against <see cref="AcknowledgeDueAt"/>.</summary>
    public DateTimeOffset? AcknowledgedAt { get; init; }

    public DateTimeOffset? RespondDueAt { get; init; }

    /// <summary>The nearest deadline that moves the case on; null only when closed.</summary>
    public DateTimeOffset? NextDeadlineAt { get; init; }

    public DeadlineKind? NextDeadlineKind { get; init; }

    public bool Overdue { get; init; }

    public string? Reply { get; init; }

    public string? DeclineReason { get; init; }

    public DateTimeOffset? RespondedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public int EscalationCount { get; init; }

    /// <summary>Every reopening, by a resident's 不满意 or by staff.</summary>
    public int ReopenCount { get; init; }

    /// <summary>Reopenings by the resident's 不满意: these count against the policy's limit.</summary>
    public int ResidentReopens { get; init; }

    /// <summary>Reopenings by staff (a dispatcher's reopen): they do not use up the resident's.</summary>
    public int StaffReopens { get; init; }

    /// <summary>How many residents reported this matter (the first reporter and every co-report).</summary>
    public int ReporterCount { get; init; } = 1;

    /// <summary>Raised when enough residents report the same matter.</summary>
    public bool HighPriority { get; init; }

    /// <summary>The resident's latest answer to the satisfaction survey.</summary>
    public Satisfaction? Satisfaction { get; init; }

    /// <summary>The committee deliberating on it, while in deliberation.</summary>
    public string? Committee { get; init; }

    /// <summary>Residents who supported the case by 附议 reply (co-reporters are counted in <see cref="ReporterCount"/>).</summary>
    public int Supporters { get; init; }

    /// <summary>Co-reports and 附议 together: what the committee's referral threshold counts.</summary>
    public int Support => ReporterCount + Supporters;

    /// <summary>The meeting the case is on the agenda of, while in deliberation.</summary>
    public ScheduledMeeting? Meeting { get; init; }

    /// <summary>
    /// The public clock while in deliberation: by when a meeting must take the case up (none scheduled yet), or
    /// by when the scheduled meeting's decision must be published.
    /// </summary>
    public DateTimeOffset? DecisionDueAt { get; init; }

    /// <summary>
    /// By when a meeting must take the case up. Set when the case starts waiting for a meeting (referral, deferral,
    /// an upheld objection) and kept when a meeting is cancelled or the case taken off its agenda, so rescheduling
    /// cannot put the decision off without end.
    /// </summary>
    public DateTimeOffset? AgendaDueAt { get; init; }

    /// <summary>How many times the case went before a meeting (a deferral or an upheld objection sends it again).</summary>
    public int DeliberationRound { get; init; }

    /// <summary>The latest meeting decision on the case, with its public review.</summary>
    public MeetingDecision? Decision { get; init; }

    /// <summary>The case is the work of carrying out an adopted decision (its reply is the second 公开).</summary>
    public bool Implementation { get; init; }

    /// <summary>督办: set when a representative supervises the case.</summary>
    public Supervision? Supervision { get; init; }

    /// <summary>吹哨报到: the departments summoned to the case, while it is open.</summary>
    public WhistleCall? Whistle { get; init; }

    /// <summary>Every unit the case has been assigned to, each once, the latest last (index rows are kept in step).</summary>
    public IReadOnlyList<string> UnitHistory { get; init; } = [];

    /// <summary>Locations and images the resident sent (staff only, never in public views).</summary>
    public IReadOnlyList<CaseAttachment> Attachments { get; init; } = [];

    public bool IsFinal => Status == CaseStatus.Closed;
}

/// <summary>A location or image on a case, as the resident sent it.</summary>
public sealed record CaseAttachment(AttachmentKind Kind, string Reference, string? Label, DateTimeOffset At);

/// <summary>The meeting a case is on the agenda of.</summary>
public sealed record ScheduledMeeting(string MeetingId, DateTimeOffset At, string? Place);

/// <summary>A meeting's decision on the case and its public review (决议公开).</summary>
/// <param name="Round">The deliberation round it closed; objections are counted per round.</param>
/// <param name="ReviewEndsAt">Objections are taken until then.</param>
/// <param name="ResultPublishedAt">When the result of carrying out the decision was published (the second 公开).</param>
/// <param name="ObjectionsToReopen">How many residents' objections reopen the item (the committee's rule when published).</param>
public sealed record MeetingDecision(
    string MeetingId,
    int Round,
    DeliberationOutcome Outcome,
    string Resolution,
    string? ResponsibleUnit,
    string? Votes,
    DateTimeOffset DecidedAt,
    DateTimeOffset ReviewEndsAt,
    int ObjectionsToReopen,
    int Objections = 0,
    bool Reopened = false,
    DateTimeOffset? ResultPublishedAt = null);

/// <summary>督办: who supervised the case, when, and the deadline it shortened.</summary>
public sealed record Supervision(string By, DateTimeOffset At, string? Note, DateTimeOffset? DeadlineBefore, DateTimeOffset? DeadlineAfter);

/// <summary>吹哨报到: one call summoning departments to a case.</summary>
/// <param name="Round">Numbers the calls on a case; the report-in timer carries it as its phase.</param>
public sealed record WhistleCall(int Round, string CalledBy, string Lead, DateTimeOffset At, string Reason, IReadOnlyList<Summons> Summoned)
{
    /// <summary>Report-in timers per whistle round: one per distinct due time (departments keep different hours).</summary>
    private const int TimersPerRound = 100;

    public bool IsOn(string unitId) => Lead == unitId || Summoned.Any(s => s.UnitId == unitId);

    /// <summary>
    /// The report-in timers of this call: one at each distinct due time, so a round-the-clock department (派出所)
    /// summoned at night is escalated half an hour later, not when an office department's time is up next morning.
    /// Each has its own phase (the round and the timer's place in the order) so each fires once.
    /// </summary>
    public IEnumerable<(int Phase, DateTimeOffset DueAt)> ReportInTimers()
    {
        var dues = Summoned.Select(s => s.DueAt).Distinct().Order().ToList();
        if (dues.Count > TimersPerRound)
        {
            // More due times than timers (never in practice): the last timer covers every department still due.
            dues = [.. dues.Take(TimersPerRound - 1), dues[^1]];
        }

        return dues.Select((due, i) => (Round * TimersPerRound + i, due));
    }

    /// <summary>
    /// The whistle round a report-in timer's phase belongs to. A phase below <see cref="TimersPerRound"/> is a timer set
    /// before timers were per due time: its phase is the round itself (and it covers every department of the round).
    /// </summary>
    public static int RoundOfTimer(int phase) => phase < TimersPerRound ? phase : phase / TimersPerRound;
}

/// <summary>One summoned department: due to report in by <paramref name="DueAt"/>.</summary>
public sealed record Summons(string UnitId, DateTimeOffset DueAt, DateTimeOffset? ReportedAt = null, bool Missed = false);
