using Deliberation.Domain.Directory;
using Deliberation.Domain.Notifications;

namespace Deliberation.Domain.Workflow;

// Deliberation (村民议事): referral to the village committee, meetings and their decisions, 附议 and objections.
public static partial class CaseWorkflow
{
    private static Decision OnRefer(CaseState state, ReferToDeliberation refer, WorkflowContext context, DateTimeOffset now)
    {
        var unit = state.UnitId is null ? null : context.Directory.FindUnit(state.UnitId);
        var committee = unit?.Kind == UnitKind.VillageCommittee ? unit.Id : state.Village;
        if (committee is null)
        {
            return Decision.Reject("只有属于已知村（社区）的案件才能提交该村委会议事。");
        }

        // A case referred again while its earlier decision is being carried out starts a new deliberation.
        return Move(state with { Committee = committee, Implementation = false }, Transitions.Refer, CaseStatus.InDeliberation, context, now, refer.Actor, refer.Note, unitId: committee);
    }

    private static Decision OnScheduleForMeeting(CaseState state, ScheduleForMeeting scheduled, WorkflowContext context, DateTimeOffset now)
    {
        if (state.Status != CaseStatus.InDeliberation)
        {
            return NotAllowed(state, Transitions.ScheduleMeeting);
        }

        if (state.Meeting is { } current && current.MeetingId != scheduled.MeetingId)
        {
            return Decision.Reject($"本案件已列入会议 {current.MeetingId} 的议程，请先从该议程移出。");
        }

        var meeting = new ScheduledMeeting(scheduled.MeetingId, scheduled.MeetingAt, scheduled.Place?.Trim());
        var decision = Move(state with { Meeting = meeting }, Transitions.ScheduleMeeting, CaseStatus.InDeliberation, context, now, null, $"会议 {scheduled.MeetingId}", timelineEvent: TimelineEvents.OnAgenda);
        return WithNotices(decision, next =>
        [
            Notice(Audience.Reporter, NotificationTemplates.CaseOnAgenda, next, ("meetingId", meeting.MeetingId), ("meetingAt", meeting.At.ToString("O")), ("place", meeting.Place ?? "")),
        ]);
    }

    private static Decision OnMeetingCancelled(CaseState state, MeetingCancelled cancelled, WorkflowContext context, DateTimeOffset now)
    {
        if (state.Status != CaseStatus.InDeliberation || state.Meeting?.MeetingId != cancelled.MeetingId)
        {
            return state.Status == CaseStatus.InDeliberation
                ? Decision.Ignore($"the case is not on the agenda of meeting {cancelled.MeetingId}")
                : NotAllowed(state, Transitions.MeetingCancelled);
        }

        return Move(state with { Meeting = null }, Transitions.MeetingCancelled, CaseStatus.InDeliberation, context, now, null, cancelled.Reason, timelineEvent: TimelineEvents.OffAgenda);
    }

    private static Decision OnDeliberationDecided(CaseState state, DeliberationDecided decided, WorkflowContext context, DateTimeOffset now)
    {
        if (state.Status != CaseStatus.InDeliberation)
        {
            return NotAllowed(state, Transitions.MeetingDecided);
        }

        if (state.Meeting?.MeetingId != decided.MeetingId)
        {
            return Decision.Reject(state.Meeting is { } meeting
                ? $"本案件列在会议 {meeting.MeetingId} 的议程上，不在会议 {decided.MeetingId}。"
                : $"本案件不在会议 {decided.MeetingId} 的议程上（正在等待会议列入议程）。");
        }

        if (string.IsNullOrWhiteSpace(decided.Resolution) || decided.Resolution.Length > MaxNoteLength)
        {
            return Decision.Reject($"请填写决议内容，不超过{MaxNoteLength}个字。");
        }

        if (decided.Outcome == DeliberationOutcome.Deferred)
        {
            // Carried over: the case waits for the next meeting, with a new scheduling deadline.
            var deferred = state with { Meeting = null, DeliberationRound = state.DeliberationRound + 1 };
            return Move(deferred, Transitions.MeetingDeferred, CaseStatus.InDeliberation, context, now, null, decided.Resolution, timelineEvent: TimelineEvents.Deferred);
        }

        var committee = state.Committee ?? state.UnitId!;
        var responsible = decided.ResponsibleUnit ?? committee;
        if (decided.Outcome == DeliberationOutcome.Adopted && context.Directory.FindUnit(responsible) is not { Kind: not UnitKind.DispatchCentre })
        {
            return Decision.Reject($"未知的责任单位「{responsible}」。");
        }

        var reviewEnds = context.Policy.DecisionReview.DueFrom(now, context.CalendarOf(committee));
        var record = new MeetingDecision(
            decided.MeetingId,
            state.DeliberationRound,
            decided.Outcome,
            decided.Resolution.Trim(),
            decided.Outcome == DeliberationOutcome.Adopted ? responsible : null,
            decided.Votes,
            now,
            reviewEnds,
            ObjectionsToReopen(state, context));
        var reply = $"{(decided.Outcome == DeliberationOutcome.Adopted ? "议事会通过" : "议事会未通过")}：{record.Resolution}";
        var decidedState = state with { Decision = record, Meeting = null, Reply = reply, RespondedAt = now, Overdue = false };
        return Move(decidedState, Transitions.MeetingDecided, CaseStatus.DecisionReview, context, now, null, reply, timelineEvent: TimelineEvents.DecisionPublished);
    }

    private static Decision DecisionReviewEnds(CaseState state, WorkflowContext context, DateTimeOffset now)
    {
        var decision = state.Decision!;
        if (decision.Outcome != DeliberationOutcome.Adopted)
        {
            return Move(state with { ClosedAt = now }, Transitions.DecisionRejected, CaseStatus.Closed, context, now, null, "决议维持", timelineEvent: TimelineEvents.DecisionStands);
        }

        // The decision stands: carrying it out is work for the responsible unit, through the same lifecycle.
        var implementation = state with { Implementation = true, Reply = null, RespondedAt = null, Overdue = false };
        // The directory may have changed since the meeting: a unit no longer listed leaves the work with the committee.
        var unit = context.Directory.FindUnit(decision.ResponsibleUnit ?? "") is { Kind: not UnitKind.DispatchCentre } listed
            ? listed
            : context.Directory.GetUnit(state.Committee ?? state.UnitId!);
        return Move(implementation, Transitions.DecisionAdopted, CaseStatus.Dispatched, context, now, null, $"交付实施：{unit.Name}", unitId: unit.Id, timelineEvent: TimelineEvents.ImplementationDispatched);
    }

    private static Decision OnSupport(CaseState state, Support support, WorkflowContext context, DateTimeOffset now)
    {
        if (!Transitions.Allows(state.Status, Transitions.Support, state.Status))
        {
            return NotAllowed(state, Transitions.Support);
        }

        var supported = state with { Supporters = state.Supporters + 1 };
        var note = $"附议{(support.Channel is { } channel ? $" via {channel}" : "")}; support {supported.Support}";
        return ReferOnSupport(supported, context, now, note) ?? Keep(supported, now, TimelineEvents.Supported, note, isPublic: true);
    }

    /// <summary>
    /// 附议 and co-reports count towards the committee's threshold: a matter the village committee handles, of a category
    /// that needs a collective decision, goes onto its agenda when enough residents share it. A repair or a service
    /// point's small matter is settled, and a department's is administrative: support raises their priority instead. <paramref name="counted"/> already carries the new count.
    /// </summary>
    private static Decision? ReferOnSupport(CaseState counted, WorkflowContext context, DateTimeOffset now, string note)
    {
        if (counted.Decision is not null || counted.Implementation || counted.Urgency.IsUrgent()
            || !Transitions.Allows(counted.Status, Transitions.SupportReached, CaseStatus.InDeliberation)
            || counted.Tier != Directory.Tier.Village
            || context.Directory.FindCategory(counted.Category ?? "") is not { DeliberateOnSupport: true }
            || CommitteeOf(counted, context) is not { } committee)
        {
            return null;
        }

        var threshold = SupportToRefer(counted, context);
        if (threshold <= 0 || counted.Support < threshold)
        {
            return null;
        }

        return Move(counted with { Committee = committee.Id }, Transitions.SupportReached, CaseStatus.InDeliberation, context, now, null, $"{note}; {threshold} needed: on {committee.Name}'s agenda", unitId: committee.Id, timelineEvent: TimelineEvents.Referred);
    }

    private static Decision OnObjection(CaseState state, RaiseObjection objection, WorkflowContext context, DateTimeOffset now)
    {
        if (state.Status != CaseStatus.DecisionReview || state.Decision is not { } decision)
        {
            return state.Decision switch
            {
                { Reopened: true } reopened => Decision.Reject($"会议 {reopened.MeetingId} 的决议因居民异议已重新审议，由下次会议再作决定。"),
                { } past => Decision.Reject($"会议 {past.MeetingId} 的决议公示期已于 {Shanghai(past.ReviewEndsAt)} 结束，决议维持。"),
                _ => NotAllowed(state, Transitions.Objection),
            };
        }

        if (now >= decision.ReviewEndsAt)
        {
            return Decision.Reject($"决议公示期已于 {Shanghai(decision.ReviewEndsAt)} 结束，决议维持。");
        }

        if (string.IsNullOrWhiteSpace(objection.Reason) || objection.Reason.Length > MaxNoteLength)
        {
            return Decision.Reject($"提出异议请写明理由，不超过{MaxNoteLength}个字。");
        }

        var counted = decision with { Objections = decision.Objections + 1 };
        var note = $"{counted.Objections}/{counted.ObjectionsToReopen} objections{(objection.Channel is { } channel ? $" (via {channel})" : " (via the public page)")}: {objection.Reason.Trim()}";
        if (counted.Objections >= counted.ObjectionsToReopen)
        {
            // Enough residents object: the item goes back on the committee's next agenda.
            var reopened = state with
            {
                Decision = counted with { Reopened = true },
                DeliberationRound = state.DeliberationRound + 1,
                Reply = null,
                RespondedAt = null,
            };
            var moved = Move(reopened, Transitions.ObjectionUpheld, CaseStatus.InDeliberation, context, now, null, note, timelineEvent: TimelineEvents.Reopened);
            return WithNotices(moved, next => [Notice(Audience.Reporter, NotificationTemplates.DecisionReopened, next)]);
        }

        return Allowed(state, Transitions.Objection, state.Status) ?? Keep(state with { Decision = counted }, now, TimelineEvents.Objection, note, isPublic: true);
    }

    private static int ObjectionsToReopen(CaseState state, WorkflowContext context) =>
        CommitteeOf(state, context)?.Committee?.ObjectionsToReopen ?? context.Policy.ObjectionsToReopen;

    private static int SupportToRefer(CaseState state, WorkflowContext context) =>
        CommitteeOf(state, context)?.Committee?.SupportToRefer ?? context.Policy.SupportToRefer;

    /// <summary>The village committee whose agenda the case belongs on: its own unit if a committee, else its village's.</summary>
    private static Unit? CommitteeOf(CaseState state, WorkflowContext context)
    {
        var unit = state.Committee ?? (state.UnitId is { } id && context.Directory.FindUnit(id)?.Kind == UnitKind.VillageCommittee ? id : state.Village);
        return unit is null ? null : context.Directory.FindUnit(unit) is { Kind: UnitKind.VillageCommittee } committee ? committee : null;
    }
}
