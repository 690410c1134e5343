namespace Deliberation.Domain.Meetings;

/// <summary>One operation on a meeting and the status it leaves the meeting in.</summary>
public sealed record MeetingTransition(MeetingStatus From, string Operation, MeetingStatus To);

/// <summary>
/// What <see cref="Meeting"/> accepts in each <see cref="MeetingStatus"/>, as a table for WorkflowDocs. The meeting's
/// own methods enforce it; DeliberationWorkflowDocsTests drives every operation from every status and fails when
/// the two disagree.
/// </summary>
public static class MeetingLifecycle
{
    public const string Schedule = "schedule";
    public const string ChangeAgenda = "build or change the agenda";
    public const string SendAgenda = "send the agenda";
    public const string RecordStep = "record 提议/商议/审议";
    public const string RecordAttendance = "record attendance";
    public const string Vote = "vote on an item";
    public const string Defer = "defer an item (暂缓)";
    public const string Minutes = "record the minutes";
    public const string Cancel = "cancel";
    public const string Close = "close (闭会)";

    /// <summary>Every operation a meeting accepts after it was scheduled, in the order a meeting goes through them.</summary>
    public static IReadOnlyList<MeetingTransition> All { get; } =
    [
        new(MeetingStatus.Scheduled, ChangeAgenda, MeetingStatus.Scheduled),
        new(MeetingStatus.Scheduled, SendAgenda, MeetingStatus.Scheduled),
        new(MeetingStatus.Scheduled, RecordStep, MeetingStatus.Scheduled),
        new(MeetingStatus.Scheduled, RecordAttendance, MeetingStatus.Held),
        new(MeetingStatus.Scheduled, Cancel, MeetingStatus.Cancelled),
        new(MeetingStatus.Held, RecordAttendance, MeetingStatus.Held),
        new(MeetingStatus.Held, ChangeAgenda, MeetingStatus.Held),
        new(MeetingStatus.Held, SendAgenda, MeetingStatus.Held),
        new(MeetingStatus.Held, RecordStep, MeetingStatus.Held),
        new(MeetingStatus.Held, Vote, MeetingStatus.Held),
        new(MeetingStatus.Held, Defer, MeetingStatus.Held),
        new(MeetingStatus.Held, Minutes, MeetingStatus.Held),
        new(MeetingStatus.Held, Close, MeetingStatus.Closed),
        new(MeetingStatus.Closed, Minutes, MeetingStatus.Closed),
    ];

    /// <summary>The operations named in the table, each once, in table order (<see cref="Schedule"/> first).</summary>
    public static IReadOnlyList<string> Operations { get; } = [Schedule, .. All.Select(t => t.Operation).Distinct()];
}
