using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Meetings;

/// <summary>
/// One item on a meeting's agenda: a referred case (<see cref="CaseId"/>) or a matter staff put on it by hand
/// (<see cref="Text"/>), with the 四议两公开 steps recorded against it and, once decided, the vote and the resolution.
/// </summary>
public sealed record AgendaItem
{
    public required string ItemId { get; init; }

    /// <summary>What the item is about, as staff name it (for a case: its category). Public pages redact it.</summary>
    public required string Title { get; init; }

    /// <summary>A manual item's description (staff only).</summary>
    public string? Text { get; init; }

    /// <summary>The referred case, for a case item.</summary>
    public string? CaseId { get; init; }

    /// <summary>The case's deliberation round when it was put on this agenda (a deferred or reopened case comes again).</summary>
    public int Round { get; init; }

    public DateTimeOffset AddedAt { get; init; }

    public IReadOnlyList<StepRecord> Steps { get; init; } = [];

    /// <summary>The tally; null for a deferred item (deferral needs no vote).</summary>
    public VoteTally? Votes { get; init; }

    public DeliberationOutcome? Outcome { get; init; }

    public string? Resolution { get; init; }

    /// <summary>Who carries out an adopted item (the committee unless the meeting named another unit).</summary>
    public string? ResponsibleUnit { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>The latest message its case refused, shown to staff.</summary>
    public CaseRefusal? Refusal { get; init; }

    /// <summary>The case refused to go on the agenda, so it never had this meeting: nothing to take back.</summary>
    public bool ScheduleRefused { get; init; }

    public bool IsDecided => Outcome is not null;

    public StepRecord? Step(DeliberationStep step) => Steps.FirstOrDefault(s => s.Step == step);

    /// <summary>The item with <paramref name="record"/> in place of any earlier record of the same step, steps kept in order.</summary>
    public AgendaItem WithStep(StepRecord record) =>
        this with { Steps = Steps.Where(s => s.Step != record.Step).Append(record).OrderBy(s => s.Step).ToList() };
}
