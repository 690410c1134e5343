using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Meetings;

/// <summary>What staff give to call a meeting.</summary>
public sealed record MeetingPlan(
    string CommitteeId,
    MeetingType Type,
    DateTimeOffset StartsAt,
    string Place,
    MeetingChair Chair,
    IReadOnlyList<MeetingMember> Members);

/// <summary>
/// A committee's deliberation meeting (议事会, 听证会 …): its members, agenda, attendance and decisions.
/// Immutable; every operation returns the changed meeting with the messages its cases must receive,
/// or a refusal that says why. No clock, no I/O: <c>now</c> is passed in.
/// </summary>
public sealed partial record Meeting
{
    public required string MeetingId { get; init; }

    /// <summary>The village committee (村委会/居委会) holding the meeting.</summary>
    public required string CommitteeId { get; init; }

    public MeetingType Type { get; init; }

    /// <summary>Quorum and majority as the policy set them when the meeting was called.</summary>
    public required MeetingRule Rule { get; init; }

    public DateTimeOffset StartsAt { get; init; }

    public required string Place { get; init; }

    public required MeetingChair Chair { get; init; }

    public IReadOnlyList<MeetingMember> Members { get; init; } = [];

    public MeetingStatus Status { get; init; }

    public IReadOnlyList<AgendaItem> Items { get; init; } = [];

    /// <summary>The number the next item gets (items are never renumbered, so message ids stay unique).</summary>
    public int NextItem { get; init; } = 1;

    /// <summary>Member ids recorded as present.</summary>
    public IReadOnlyList<string> Present { get; init; } = [];

    /// <summary>When attendance was (last) recorded: the meeting took place.</summary>
    public DateTimeOffset? HeldAt { get; init; }

    public string? Minutes { get; init; }

    public DateTimeOffset? MinutesAt { get; init; }

    /// <summary>When the agenda was last sent to the members and representatives.</summary>
    public DateTimeOffset? AgendaSentAt { get; init; }

    public string? CancelReason { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>When the meeting was closed (闭会).</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    public DateTimeOffset ScheduledAt { get; init; }

    public string? ScheduledBy { get; init; }

    /// <summary>Increments with every change.</summary>
    public int Version { get; init; }

    /// <summary>How many members must be present.</summary>
    public int QuorumNeeded => Rule.Quorum.AtLeast(Members.Count);

    public bool QuorumReached => Members.Count > 0 && Rule.Quorum.IsReachedBy(Present.Count, Members.Count);

    public AgendaItem? Item(string itemId) => Items.FirstOrDefault(i => i.ItemId == itemId);

    public string? MemberName(string memberId) => Members.FirstOrDefault(m => m.Id == memberId)?.Name;

    /// <summary>Calls a meeting. It must lie in the future and have at least one member, each listed once.</summary>
    public static MeetingResult Schedule(string meetingId, MeetingPlan plan, MeetingRule rule, string scheduledBy, DateTimeOffset now)
    {
        if (plan.StartsAt <= now)
        {
            return MeetingResult.Refuse("A meeting can only be scheduled in the future.");
        }

        if (string.IsNullOrWhiteSpace(plan.Place))
        {
            return MeetingResult.Refuse("A meeting needs a place.");
        }

        if (string.IsNullOrWhiteSpace(plan.Chair.Name) || string.IsNullOrWhiteSpace(plan.Chair.Role))
        {
            return MeetingResult.Refuse("A meeting needs a chair with a name and a role.");
        }

        if (plan.Members.Count == 0 || plan.Members.Count > MeetingLimits.MaxMembers)
        {
            return MeetingResult.Refuse($"A meeting needs between 1 and {MeetingLimits.MaxMembers} members.");
        }

        if (plan.Members.FirstOrDefault(m => string.IsNullOrWhiteSpace(m.Id) || string.IsNullOrWhiteSpace(m.Name)) is not null)
        {
            return MeetingResult.Refuse("Every member needs an id and a name.");
        }

        if (plan.Members.GroupBy(m => m.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return MeetingResult.Refuse($"Member {twice.Key} is listed more than once.");
        }

        return MeetingResult.Ok(new Meeting
        {
            MeetingId = meetingId,
            CommitteeId = plan.CommitteeId,
            Type = plan.Type,
            Rule = rule,
            StartsAt = plan.StartsAt,
            Place = plan.Place.Trim(),
            Chair = plan.Chair,
            Members = plan.Members,
            Status = MeetingStatus.Scheduled,
            ScheduledAt = now,
            ScheduledBy = scheduledBy,
            Version = 1,
        });
    }

    /// <summary>Puts a referred case on the agenda and tells the case (列入议程).</summary>
    public MeetingResult AddCase(CaseState @case, string title, DateTimeOffset now)
    {
        if (CanChangeAgenda() is { } closed)
        {
            return MeetingResult.Refuse(closed);
        }

        if (Items.FirstOrDefault(i => i.CaseId == @case.CaseId) is { } already)
        {
            return MeetingResult.Refuse($"Case {@case.CaseId} is already on this agenda as item {already.ItemId}.");
        }

        if (@case.Status != CaseStatus.InDeliberation)
        {
            return MeetingResult.Refuse($"Case {@case.CaseId} is {@case.Status}, not waiting for deliberation.");
        }

        if (@case.Committee != CommitteeId)
        {
            return MeetingResult.Refuse($"Case {@case.CaseId} is referred to {@case.Committee ?? "no committee"}, not {CommitteeId}.");
        }

        if (@case.Meeting is { } other && other.MeetingId != MeetingId)
        {
            return MeetingResult.Refuse($"Case {@case.CaseId} is on the agenda of meeting {other.MeetingId}.");
        }

        var item = NewItem(title, now) with { CaseId = @case.CaseId, Round = @case.DeliberationRound };
        var notice = new CaseNotice(@case.CaseId, item.ItemId, new ScheduleForMeeting(MessageId(item.ItemId, "scheduled"), now, MeetingId, StartsAt, Place));
        return MeetingResult.Ok(Next() with { Items = [.. Items, item], NextItem = NextItem + 1 }, [notice]);
    }

    /// <summary>
    /// 建议程: every case of the committee waiting for a meeting (none scheduled for it) goes on the agenda, so a
    /// deferred or reopened case is carried to the next meeting. Cases that cannot go on it are skipped with the reason.
    /// </summary>
    public (MeetingResult Result, IReadOnlyList<(string CaseId, string Reason)> Skipped) BuildAgenda(
        IEnumerable<CaseState> waiting, Func<CaseState, string> titleOf, DateTimeOffset now)
    {
        if (CanChangeAgenda() is { } closed)
        {
            return (MeetingResult.Refuse(closed), []);
        }

        var meeting = this;
        var notices = new List<CaseNotice>();
        var skipped = new List<(string, string)>();
        foreach (var @case in waiting)
        {
            if (@case.Meeting is { } scheduled)
            {
                if (scheduled.MeetingId != MeetingId)
                {
                    skipped.Add((@case.CaseId, $"on the agenda of meeting {scheduled.MeetingId}"));
                }

                continue;
            }

            if (meeting.Items.Any(i => i.CaseId == @case.CaseId))
            {
                continue;
            }

            var added = meeting.AddCase(@case, titleOf(@case), now);
            if (added.Meeting is { } next)
            {
                meeting = next;
                notices.AddRange(added.Notices);
            }
            else
            {
                skipped.Add((@case.CaseId, added.Refusal!));
            }
        }

        return (MeetingResult.Ok(meeting with { Version = Version + 1 }, notices), skipped);
    }

    /// <summary>Adds a matter staff put on the agenda by hand (no case behind it).</summary>
    public MeetingResult AddManualItem(string title, string? text, DateTimeOffset now)
    {
        if (CanChangeAgenda() is { } closed)
        {
            return MeetingResult.Refuse(closed);
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            return MeetingResult.Refuse("A manual item needs a title.");
        }

        var item = NewItem(title.Trim(), now) with { Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim() };
        return MeetingResult.Ok(Next() with { Items = [.. Items, item], NextItem = NextItem + 1 });
    }

    /// <summary>Takes an undecided item off the agenda; its case waits for the next meeting.</summary>
    public MeetingResult RemoveItem(string itemId, string reason, DateTimeOffset now)
    {
        if (Item(itemId) is not { } item)
        {
            return MeetingResult.Refuse($"Meeting {MeetingId} has no item {itemId}.");
        }

        if (Closed() is { } closed)
        {
            return MeetingResult.Refuse(closed);
        }

        if (item.IsDecided)
        {
            return MeetingResult.Refuse($"Item {itemId} is decided ({item.Outcome}) and stays on the record.");
        }

        var notices = TakeBack(item, $"撤出会议 {MeetingId} 议程：{reason}", now).ToList();
        return MeetingResult.Ok(Next() with { Items = Items.Where(i => i.ItemId != itemId).ToList() }, notices);
    }

    /// <summary>Calls the meeting off before it took place: every case on it waits for the next meeting.</summary>
    public MeetingResult Cancel(string reason, DateTimeOffset now)
    {
        if (Status != MeetingStatus.Scheduled)
        {
            return MeetingResult.Refuse($"Only a scheduled meeting can be cancelled; this one is {Status}.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return MeetingResult.Refuse("Cancelling needs a reason.");
        }

        var notices = Items.SelectMany(i => TakeBack(i, $"会议 {MeetingId} 取消：{reason}", now)).ToList();
        return MeetingResult.Ok(Next() with { Status = MeetingStatus.Cancelled, CancelReason = reason.Trim(), CancelledAt = now }, notices);
    }

    /// <summary>The agenda went out to members and representatives.</summary>
    public MeetingResult AgendaSent(DateTimeOffset now) =>
        Closed() is { } closed
            ? MeetingResult.Refuse(closed)
            : MeetingResult.Ok(Next() with { AgendaSentAt = now });

    /// <summary>
    /// 闭会: the meeting is over and its record final. Every item it did not decide is deferred (暂缓) so its case
    /// waits for the next meeting at once, instead of running out the clock of a meeting that already took place.
    /// </summary>
    public MeetingResult Close(DateTimeOffset now)
    {
        if (Status != MeetingStatus.Held)
        {
            return MeetingResult.Refuse(Status == MeetingStatus.Scheduled
                ? "The meeting has not been held yet: record attendance first, or cancel it."
                : $"Only a held meeting can be closed; this one is {Status}.");
        }

        var closed = Items.Select(i => i.IsDecided ? (Item: i, Notice: null) : Deferred(i, NotReachedAtClose, now)).ToList();
        var notices = closed.Where(c => c.Notice is not null && !c.Item.ScheduleRefused).Select(c => c.Notice!).ToList();
        return MeetingResult.Ok(Next() with { Status = MeetingStatus.Closed, Items = closed.Select(c => c.Item).ToList(), ClosedAt = now }, notices);
    }

    /// <summary>What an item the meeting did not get to says when the meeting closes.</summary>
    public const string NotReachedAtClose = "会议结束时未表决，转下次会议再议";

    /// <summary>The case applied the meeting's message: a decision it took is now public (决议公开).</summary>
    public Meeting CaseAccepted(string itemId, CaseMessage message, DateTimeOffset now) =>
        message is DeliberationDecided { Outcome: not DeliberationOutcome.Deferred }
            ? Update(itemId, i => i.Step(DeliberationStep.DecisionPublished) is null ? i.WithStep(new(DeliberationStep.DecisionPublished, now)) with { Refusal = null } : i)
            : Update(itemId, i => i.Refusal is null ? i : i with { Refusal = null });

    /// <summary>The case refused the meeting's message (it moved on, e.g. escalated away): staff are shown why.</summary>
    public Meeting CaseRefused(string itemId, CaseMessage message, string reason, DateTimeOffset now) =>
        Update(itemId, i => i with
        {
            Refusal = new CaseRefusal(KindOf(message), reason, now),
            ScheduleRefused = i.ScheduleRefused || message is ScheduleForMeeting,
        });

    /// <summary>The deterministic id of a message to an item's case, so a redelivery is applied once.</summary>
    public string MessageId(string itemId, string kind) => $"meeting-{MeetingId}-{itemId}-{kind}";

    private static string KindOf(CaseMessage message) => message switch
    {
        ScheduleForMeeting => "schedule",
        MeetingCancelled => "cancel",
        DeliberationDecided => "decision",
        _ => message.GetType().Name,
    };

    private string? CanChangeAgenda() =>
        Closed() is { } closed ? closed
        : Items.Count >= MeetingLimits.MaxItems ? $"An agenda holds at most {MeetingLimits.MaxItems} items."
        : null;

    /// <summary>Why a cancelled or closed meeting takes no further business; null while it may.</summary>
    private string? Closed() => Status switch
    {
        MeetingStatus.Cancelled => "The meeting is cancelled.",
        MeetingStatus.Closed => "The meeting is closed: put the matter on the agenda of the next meeting.",
        _ => null,
    };

    private AgendaItem NewItem(string title, DateTimeOffset now) =>
        new() { ItemId = $"i{NextItem}", Title = title, AddedAt = now };

    private IEnumerable<CaseNotice> TakeBack(AgendaItem item, string reason, DateTimeOffset now) =>
        item is { CaseId: { } caseId, IsDecided: false, ScheduleRefused: false }
            ? [new CaseNotice(caseId, item.ItemId, new MeetingCancelled(MessageId(item.ItemId, "cancelled"), now, MeetingId, reason))]
            : [];

    private Meeting Update(string itemId, Func<AgendaItem, AgendaItem> change)
    {
        if (Item(itemId) is not { } item)
        {
            return this;
        }

        var changed = change(item);
        return changed == item ? this : Next() with { Items = Items.Select(i => i.ItemId == itemId ? changed : i).ToList() };
    }

    private Meeting Next() => this with { Version = Version + 1 };
}
