using System.Text.Json.Serialization;

namespace Deliberation.Domain.Meetings;

/// <summary>Where a meeting stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MeetingStatus>))]
public enum MeetingStatus
{
    /// <summary>Called; its agenda may still change.</summary>
    Scheduled,

    /// <summary>Took place: attendance is recorded, items are decided.</summary>
    Held,

    /// <summary>Called off before it took place; its cases wait for the next meeting.</summary>
    Cancelled,

    /// <summary>闭会: over, its record final; what it left undecided was carried to the next meeting. Minutes may still be written.</summary>
    Closed,
}

/// <summary>四议两公开: the steps a village matter goes through, in order.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeliberationStep>))]
public enum DeliberationStep
{
    /// <summary>党支部提议: the party branch proposes.</summary>
    Proposed,

    /// <summary>两委商议: the branch and the village committee discuss.</summary>
    Discussed,

    /// <summary>党员大会审议: the members' meeting reviews.</summary>
    Reviewed,

    /// <summary>村民代表会议决议: the representatives' meeting decides (recorded by the vote).</summary>
    Decided,

    /// <summary>决议公开: the decision is made public.</summary>
    DecisionPublished,

    /// <summary>实施结果公开: the result of carrying it out is made public.</summary>
    ResultPublished,
}

/// <summary>One 四议两公开 step recorded against an item.</summary>
public sealed record StepRecord(DeliberationStep Step, DateTimeOffset At, string? Note = null);

/// <summary>A member of the meeting. The name is personal data: staff see it, the public never does.</summary>
public sealed record MeetingMember(string Id, string Name);

/// <summary>Who chairs the meeting; the public sees the role (e.g. 村党总支书记), not the name.</summary>
public sealed record MeetingChair(string Name, string Role);

/// <summary>A case refused a message the meeting sent it (e.g. it had escalated away from the committee).</summary>
/// <param name="Message">Which message: schedule, cancel or decision.</param>
public sealed record CaseRefusal(string Message, string Reason, DateTimeOffset At);

/// <summary>A message for a case that a meeting change asks for; carried out after the meeting is stored.</summary>
public sealed record CaseNotice(string CaseId, string ItemId, Workflow.CaseMessage Message);

/// <summary>What one operation on a meeting came to: the changed meeting and the messages for its cases, or why not.</summary>
public sealed record MeetingResult(Meeting? Meeting, string? Refusal, IReadOnlyList<CaseNotice> Notices)
{
    public bool Refused => Refusal is not null;

    public static MeetingResult Refuse(string reason) => new(null, reason, []);

    public static MeetingResult Ok(Meeting meeting, IReadOnlyList<CaseNotice>? notices = null) => new(meeting, null, notices ?? []);
}

/// <summary>Bounds that keep a meeting (one table row) within storage limits and its texts readable.</summary>
public static class MeetingLimits
{
    public const int MaxMembers = 200;
    public const int MaxItems = 40;
    public const int MaxName = 50;
    public const int MaxPlace = 200;
    public const int MaxTitle = 200;
    public const int MaxText = 2000;
    public const int MaxResolution = 2000;
    public const int MaxNote = 500;
    public const int MaxMinutes = 20000;
    public const int MaxReason = 500;
}

/// <summary>Chinese names for the public pages and notices.</summary>
public static class MeetingNames
{
    public static string Chinese(this MeetingType type) => type switch
    {
        MeetingType.VillageRepresentatives => "村民代表会议",
        MeetingType.ResidentsCouncil => "居民议事会",
        MeetingType.Hearing => "听证会",
        MeetingType.Consultation => "协商议事会",
        _ => type.ToString(),
    };

    public static string Chinese(this DeliberationStep step) => step switch
    {
        DeliberationStep.Proposed => "党支部提议",
        DeliberationStep.Discussed => "两委商议",
        DeliberationStep.Reviewed => "党员大会审议",
        DeliberationStep.Decided => "村民代表会议决议",
        DeliberationStep.DecisionPublished => "决议公开",
        DeliberationStep.ResultPublished => "实施结果公开",
        _ => step.ToString(),
    };

    public static string Chinese(this Workflow.DeliberationOutcome outcome) => outcome switch
    {
        Workflow.DeliberationOutcome.Adopted => "通过",
        Workflow.DeliberationOutcome.Rejected => "未通过",
        Workflow.DeliberationOutcome.Deferred => "暂缓，下次会议再议",
        _ => outcome.ToString(),
    };
}
