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

    public int ReopenCount { get; init; }

    /// <summary>How many residents reported this matter (the first reporter and every co-report).</summary>
    public int ReporterCount { get; init; } = 1;

    /// <summary>Raised when enough residents report the same matter.</summary>
    public bool HighPriority { get; init; }

    /// <summary>The resident's latest answer to the satisfaction survey.</summary>
    public Satisfaction? Satisfaction { get; init; }

    /// <summary>The committee deliberating on it, while in deliberation.</summary>
    public string? Committee { get; init; }

    /// <summary>Every unit the case has been assigned to, in order (index rows are kept in step).</summary>
    public IReadOnlyList<string> UnitHistory { get; init; } = [];

    /// <summary>Locations and images the resident sent (staff only, never in public views).</summary>
    public IReadOnlyList<CaseAttachment> Attachments { get; init; } = [];

    public bool IsFinal => Status == CaseStatus.Closed;
}

/// <summary>A location or image on a case, as the resident sent it.</summary>
public sealed record CaseAttachment(AttachmentKind Kind, string Reference, string? Label, DateTimeOffset At);
