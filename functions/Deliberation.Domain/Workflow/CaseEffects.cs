using System.Text.Json.Serialization;

namespace Deliberation.Domain.Workflow;

/// <summary>Who a notification is for. The sender resolves the actual contacts.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Audience>))]
public enum Audience
{
    /// <summary>The resident(s) who reported the case.</summary>
    Reporter,

    /// <summary>The staff of a unit.</summary>
    Unit,

    /// <summary>The town's duty leader and dispatch centre: emergencies and cases overdue at the top tier.</summary>
    TownAlert,

    /// <summary>
    /// Everyone following the case: the representatives whose constituency holds its village, and staff
    /// who chose to follow it. Overdue notices reach them at once; milestones go into their daily digest.
    /// </summary>
    Followers,

    /// <summary>The head of a unit (督办 notices).</summary>
    UnitHead,
}

/// <summary>An effect the workflow asks for. Effects are data, carried out after the state is committed.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ScheduleDeadline), "deadline")]
[JsonDerivedType(typeof(Notify), "notify")]
[JsonDerivedType(typeof(SendToSelf), "send")]
public abstract record CaseEffect;

/// <summary>Wake the case at <paramref name="DueAt"/> with a <see cref="DeadlineDue"/> for this phase.</summary>
public sealed record ScheduleDeadline(DeadlineKind Kind, int Phase, DateTimeOffset DueAt) : CaseEffect;

/// <summary>Tell someone something; <paramref name="Template"/> names the text, <paramref name="Data"/> fills it.</summary>
public sealed record Notify(Audience Audience, string Template, string? UnitId, IReadOnlyDictionary<string, string> Data) : CaseEffect;

/// <summary>Deliver a message to this case through the queue (e.g. route it after intake).</summary>
public sealed record SendToSelf(CaseMessage Message) : CaseEffect;

/// <summary>One row of the case's append-only timeline.</summary>
/// <param name="Event">What happened, e.g. Dispatched, Escalated, Responded.</param>
/// <param name="Note">Free text for staff (a reason, a reply). Public views redact it.</param>
/// <param name="Public">Whether this is a milestone the public sees.</param>
public sealed record TimelineEntry(
    int Version,
    DateTimeOffset At,
    string Event,
    CaseStatus Status,
    string? UnitId,
    string? ActorId,
    string? Note,
    bool Public);

/// <summary>The outcome of deciding one message.</summary>
public sealed record Decision
{
    public CaseState? NewState { get; init; }

    public IReadOnlyList<CaseEffect> Effects { get; init; } = [];

    public TimelineEntry? Timeline { get; init; }

    /// <summary>Why the message was refused (an action not allowed in this state); null when accepted.</summary>
    public string? Rejection { get; init; }

    /// <summary>Why the message changes nothing (a stale deadline); such messages are dropped quietly.</summary>
    public string? Ignored { get; init; }

    public bool Accepted => NewState is not null;

    public static Decision Reject(string reason) => new() { Rejection = reason };

    public static Decision Ignore(string reason) => new() { Ignored = reason };
}
