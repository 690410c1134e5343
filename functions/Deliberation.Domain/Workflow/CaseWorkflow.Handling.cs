using Deliberation.Domain.Directory;
using Deliberation.Domain.Notifications;
using Deliberation.Domain.Routing;

namespace Deliberation.Domain.Workflow;

// Handling: routing, the unit's answer, transfer and reassignment, escalation, reopening, urgency, ratings and attachments.
public static partial class CaseWorkflow
{
    private static Decision OnRoute(CaseState state, Route route, WorkflowContext context, DateTimeOffset now)
    {
        if (state.Status != CaseStatus.Received)
        {
            return Decision.Ignore("already routed");
        }

        var result = Router.Route(context.Directory, state.Text, state.Place, state.CategoryHint, state.Urgency == Urgency.Normal ? null : state.Urgency, context.Classifier, context.Policy.ClassifierMinConfidence);
        var routed = state with { Category = result.Category, Village = result.Village, Urgency = result.Urgency };
        if (!result.Triage && !result.Urgency.IsUrgent() && result.Village is { } village
            && context.Directory.FindCategory(result.Category ?? "") is { SelfGovernance: true } category)
        {
            // 村民自治事项: residents decide it themselves, so it goes straight onto the committee's agenda.
            return Move(routed with { Committee = village }, Transitions.RouteToDeliberation, CaseStatus.InDeliberation, context, now, null, $"{category.Name}: a self-governance matter for the committee's meeting", unitId: village);
        }

        return result.Triage
            ? Move(routed, Transitions.RouteToTriage, CaseStatus.Triage, context, now, null, result.Reason, unitId: result.UnitId)
            : Move(routed, Transitions.Route, CaseStatus.Dispatched, context, now, null, result.Reason, unitId: result.UnitId);
    }

    private static Decision OnRespond(CaseState state, Respond respond, WorkflowContext context, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(respond.Reply) || respond.Reply.Length > MaxNoteLength)
        {
            return Decision.Reject($"请填写给居民的答复，不超过{MaxNoteLength}个字。");
        }

        var replied = state with { Reply = respond.Reply.Trim(), DeclineReason = null, RespondedAt = now, Overdue = false };
        return Move(replied, Transitions.Respond, CaseStatus.Responded, context, now, respond.Actor, respond.Reply);
    }

    private static Decision OnDecline(CaseState state, Decline decline, WorkflowContext context, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(decline.Reason) || decline.Reason.Length > MaxNoteLength)
        {
            return Decision.Reject($"不予办理须写明居民能看懂的理由（不超过{MaxNoteLength}个字）。");
        }

        var declined = state with { Reply = decline.Reason.Trim(), DeclineReason = decline.Reason.Trim(), RespondedAt = now, Overdue = false };
        return Move(declined, Transitions.Decline, CaseStatus.Declined, context, now, decline.Actor, decline.Reason);
    }

    private static Decision OnReassign(CaseState state, Reassign reassign, WorkflowContext context, DateTimeOffset now)
    {
        var unit = context.Directory.FindUnit(reassign.UnitId);
        if (unit is null)
        {
            return Decision.Reject($"未知的单位「{reassign.UnitId}」。");
        }

        if (unit.Kind == UnitKind.DispatchCentre)
        {
            return Decision.Reject("请改派给承办单位；待分拨的案件由分拨中心自己保留。");
        }

        var category = reassign.Category is null ? state.Category : context.Directory.FindCategory(reassign.Category)?.Id;
        if (reassign.Category is not null && category is null)
        {
            return Decision.Reject($"未知的类别「{reassign.Category}」。");
        }

        var village = unit.Kind switch
        {
            UnitKind.ServicePoint => unit.Village,
            UnitKind.VillageCommittee => unit.Id,
            _ => state.Village,
        };
        return Move(state with { Category = category, Village = village, Overdue = false, Committee = null, Meeting = null, DecisionDueAt = null }, Transitions.Reassign, CaseStatus.Dispatched, context, now, reassign.Actor, unit.Name, unitId: unit.Id);
    }

    private static Decision OnEscalate(CaseState state, string trigger, WorkflowContext context, DateTimeOffset now, Actor? actor, string reason)
    {
        if (!Transitions.Allows(state.Status, trigger, CaseStatus.Dispatched))
        {
            return NotAllowed(state, trigger);
        }

        var next = state.UnitId is null ? null : Router.NextTier(context.Directory, state.UnitId, state.Category);
        if (next is null)
        {
            return actor is not null
                ? Decision.Reject("案件已在最高层级，无法再升级。")
                : OverdueAtTop(state, context, now, reason);
        }

        var escalated = state with { EscalationCount = state.EscalationCount + 1, Overdue = actor is null };
        var decision = Move(escalated, trigger, CaseStatus.Dispatched, context, now, actor, reason, unitId: next.Id, timelineEvent: TimelineEvents.Escalated);
        return actor is null ? WithOverdueNotice(decision, state) : decision;
    }

    /// <summary>Nowhere higher to go: alert the town and look again later, so the case never stalls.</summary>
    private static Decision OverdueAtTop(CaseState state, WorkflowContext context, DateTimeOffset now, string reason)
    {
        var phase = state.Phase + 1;
        var due = context.Policy.TopTierRealert.DueFrom(now, context.CalendarOf(state.UnitId!));
        var kind = state.Status == CaseStatus.Dispatched ? DeadlineKind.Acknowledge : DeadlineKind.Respond;
        if (!Transitions.Allows(state.Status, Transitions.OverdueAtTop, state.Status))
        {
            return NotAllowed(state, Transitions.OverdueAtTop);
        }

        var realert = state with { Phase = phase, Overdue = true, NextDeadlineAt = due, NextDeadlineKind = kind };
        return WithOverdueNotice(
            Keep(realert, now, TimelineEvents.OverdueAlert, reason, isPublic: false, effects: next =>
            [
                new ScheduleDeadline(kind, phase, due),
                Notice(Audience.TownAlert, NotificationTemplates.CaseOverdueTop, next),
            ]),
            state);
    }

    private static Decision WithOverdueNotice(Decision decision, CaseState before) =>
        decision.NewState is null
            ? decision
            : decision with { Effects = [.. decision.Effects, Notice(Audience.Followers, NotificationTemplates.CaseOverdue, decision.NewState, ("fromUnit", before.UnitId ?? ""))] };

    private static Decision OnReopen(CaseState state, Reopen reopen, WorkflowContext context, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reopen.Reason))
        {
            return Decision.Reject("重新办理须写明理由。");
        }

        // Back to the unit that answered; a committee's decision goes back to the committee.
        var reopened = state with { ReopenCount = state.ReopenCount + 1, StaffReopens = state.StaffReopens + 1, Reply = null, DeclineReason = null, RespondedAt = null };
        return Move(reopened, Transitions.Reopen, CaseStatus.Dispatched, context, now, reopen.Actor, reopen.Reason, unitId: state.UnitId);
    }

    private static Decision OnConfirmEmergency(CaseState state, ConfirmEmergency confirm, WorkflowContext context, DateTimeOffset now)
    {
        if (state.Urgency != Urgency.PossibleEmergency)
        {
            return Decision.Reject($"只有「可能紧急」的案件需要确认；本案件为「{state.Urgency.Chinese()}」。");
        }

        // Fast-tracked like any emergency: to the responsible department, or kept by the dispatch centre.
        var route = Router.Route(context.Directory, state.Text, state.Place, state.Category ?? state.CategoryHint, Urgency.Emergency, context.Classifier, context.Policy.ClassifierMinConfidence);
        var confirmed = state with { Urgency = Urgency.Emergency, Category = route.Category ?? state.Category, Overdue = false };
        var note = $"确认为紧急{(confirm.Note is { Length: > 0 } n ? $"：{n.Trim()}" : "")}";
        return Move(confirmed, Transitions.ConfirmEmergency, CaseStatus.Dispatched, context, now, confirm.Actor, note, unitId: route.UnitId, timelineEvent: TimelineEvents.EmergencyConfirmed);
    }

    private static Decision OnDowngrade(CaseState state, DowngradeUrgency downgrade, WorkflowContext context, DateTimeOffset now)
    {
        if (!state.Urgency.IsUrgent())
        {
            return Decision.Reject("本案件不是紧急案件，无需降级。");
        }

        if (string.IsNullOrWhiteSpace(downgrade.Reason) || downgrade.Reason.Length > MaxNoteLength)
        {
            return Decision.Reject($"降为普通须写明理由，不超过{MaxNoteLength}个字。");
        }

        // Routed as the ordinary case it is: a unit by category and place, or the dispatch centre's triage.
        var route = Router.Route(context.Directory, state.Text, state.Place, state.CategoryHint, Urgency.Normal, context.Classifier, context.Policy.ClassifierMinConfidence);
        var ordinary = state with { Urgency = Urgency.Normal, Category = route.Category, Village = route.Village ?? state.Village, Overdue = false };
        var note = $"降为普通：{downgrade.Reason.Trim()}；{route.Reason}";
        return route.Triage
            ? Move(ordinary, Transitions.DowngradeToTriage, CaseStatus.Triage, context, now, downgrade.Actor, note, unitId: route.UnitId, timelineEvent: TimelineEvents.Downgraded)
            : Move(ordinary, Transitions.Downgrade, CaseStatus.Dispatched, context, now, downgrade.Actor, note, unitId: route.UnitId, timelineEvent: TimelineEvents.Downgraded);
    }

    private static Decision OnRate(CaseState state, Rate rate, WorkflowContext context, DateTimeOffset now)
    {
        var rated = state with { Satisfaction = rate.Score };
        if (rate.Score == Satisfaction.Dissatisfied && state.ResidentReopens < context.Policy.MaxReopensOnDissatisfaction
            && Transitions.Allows(state.Status, Transitions.RateDissatisfied, CaseStatus.Dispatched))
        {
            var reopened = rated with { ReopenCount = state.ReopenCount + 1, ResidentReopens = state.ResidentReopens + 1, Reply = null, DeclineReason = null, RespondedAt = null };
            return Move(reopened, Transitions.RateDissatisfied, CaseStatus.Dispatched, context, now, null, "居民不满意，重新办理", timelineEvent: TimelineEvents.Reopened);
        }

        if (!Transitions.Allows(state.Status, Transitions.Rate, state.Status))
        {
            return NotAllowed(state, Transitions.Rate);
        }

        // Recording a rating changes no deadline: the phase stays.
        if (rate.Score != Satisfaction.Dissatisfied)
        {
            return Keep(rated, now, TimelineEvents.Rated, rate.Score.ToString(), isPublic: true);
        }

        // 不满意 once the resident's reopenings are used up: the dispatch centre reviews the case (and may reopen it itself).
        var centre = context.Directory.DispatchCentre;
        return Keep(
            rated,
            now,
            TimelineEvents.Rated,
            $"{rate.Score}: {rated.ResidentReopens} reopening(s) by the resident already; for the dispatch centre's review",
            isPublic: true,
            effects: next => [new Notify(Audience.Unit, NotificationTemplates.DissatisfiedReview, centre, NoticeData(next, ("unitId", centre), ("handledBy", next.UnitId ?? ""), ("reopens", next.ResidentReopens.ToString(System.Globalization.CultureInfo.InvariantCulture))))]);
    }

    private static Decision OnAttach(CaseState state, AddAttachment attachment, DateTimeOffset now)
    {
        if (!Transitions.Allows(state.Status, Transitions.Attach, state.Status))
        {
            return NotAllowed(state, Transitions.Attach);
        }

        if (string.IsNullOrWhiteSpace(attachment.Reference))
        {
            return Decision.Reject("附件缺少引用地址。");
        }

        // Like a rating, an attachment changes no deadline: the phase stays. The note names only the kind.
        var attached = state with
        {
            // The most recent ones only: the case is one table row, and a follower can send pictures without end.
            Attachments = [.. state.Attachments.TakeLast(MaxAttachments - 1), new CaseAttachment(attachment.Kind, attachment.Reference.Trim(), attachment.Label?.Trim(), attachment.OccurredAt)],
        };
        return Keep(attached, now, TimelineEvents.AttachmentAdded, attachment.Kind.ToString(), isPublic: false);
    }
}
