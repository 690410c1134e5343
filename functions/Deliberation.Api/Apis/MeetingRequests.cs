namespace Deliberation.Api.Apis;

public sealed record ChairRequest(string? Name, string? Role);

public sealed record MemberRequest(string? Id, string? Name);

/// <summary>Calls a meeting. <c>StartsAt</c> is ISO 8601 with its offset, e.g. <c>2026-12-01T19:00:00+08:00</c>.</summary>
public sealed record ScheduleMeetingRequest(string? Committee, string? Type, string? StartsAt, string? Place, ChairRequest? Chair, IReadOnlyList<MemberRequest>? Members);

/// <summary>A referred case (<c>CaseId</c>, optionally titled) or a manual item (<c>Title</c> and <c>Text</c>).</summary>
public sealed record AgendaItemRequest(string? CaseId, string? Title, string? Text);

public sealed record AttendanceRequest(IReadOnlyList<string>? Present);

/// <summary>
/// The vote on an item: counted (<c>For</c>, <c>Against</c>, <c>Abstain</c>) or named (<c>ForMembers</c> …), with the
/// resolution. <c>Outcome</c> may be stated (it must agree with the tally) or is derived; <c>Deferred</c> takes no votes.
/// </summary>
public sealed record VoteRequest(
    string? Outcome,
    int? For,
    int? Against,
    int? Abstain,
    IReadOnlyList<string>? ForMembers,
    IReadOnlyList<string>? AgainstMembers,
    IReadOnlyList<string>? AbstainMembers,
    string? Resolution,
    string? ResponsibleUnit);

/// <summary>One of 提议/商议/审议 (Proposed, Discussed, Reviewed); <c>Date</c> is <c>yyyy-MM-dd</c> or ISO 8601 with offset.</summary>
public sealed record StepRequest(string? Step, string? Date, string? Note);

public sealed record MinutesRequest(string? Minutes);

public sealed record AgendaNotice(MeetingView Meeting, IReadOnlyList<string> Recipients);
