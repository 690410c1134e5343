using Deliberation.Domain.Calendars;
using Deliberation.Domain.Directory;
using Deliberation.Domain.Notifications;

namespace Deliberation.Domain.Workflow;

// Deadlines: what a due timer does, and the deadline rules the statuses share.
public static partial class CaseWorkflow
{
    private static Decision OnDeadline(CaseState state, DeadlineDue due, WorkflowContext context, DateTimeOffset now)
    {
        if (due.Kind == DeadlineKind.ReportIn && !state.IsFinal)
        {
            // Report-ins run beside the case's own deadlines: their timer carries the whistle's round, not the phase.
            return ReportInDue(state, due, now);
        }

        // "Message or timer, the loser is void": a deadline set for an earlier phase changes nothing.
        if (due.Phase != state.Phase || state.IsFinal)
        {
            return Decision.Ignore($"stale {due.Kind} deadline for phase {due.Phase}; the case is in phase {state.Phase}");
        }

        return (due.Kind, state.Status) switch
        {
            (DeadlineKind.Route, CaseStatus.Received) => RouteAgain(state, context, now),
            (DeadlineKind.Triage, CaseStatus.Triage) => TriageOverdue(state, context, now),
            (DeadlineKind.Remind, CaseStatus.Dispatched or CaseStatus.Acknowledged or CaseStatus.InProgress) => Reminder(state, now),
            (DeadlineKind.Acknowledge, CaseStatus.Dispatched) => OnEscalate(state, Transitions.AcknowledgeOverdue, context, now, null, "not acknowledged in time"),
            (DeadlineKind.Respond, CaseStatus.Acknowledged or CaseStatus.InProgress) => OnEscalate(state, Transitions.RespondOverdue, context, now, null, "not responded in time"),
            (DeadlineKind.Publish, CaseStatus.Responded or CaseStatus.Declined) => state.Implementation && state.Decision is { } decision
                ? Move(state with { Decision = decision with { ResultPublishedAt = now } }, Transitions.Publish, CaseStatus.PublicReview, context, now, null, null, timelineEvent: TimelineEvents.ResultPublished)
                : Move(state, Transitions.Publish, CaseStatus.PublicReview, context, now, null, null, timelineEvent: TimelineEvents.Published),
            (DeadlineKind.CloseReview, CaseStatus.PublicReview) => Move(state with { ClosedAt = now }, Transitions.ReviewEnds, CaseStatus.Closed, context, now, null, null),
            (DeadlineKind.Deliberation, CaseStatus.InDeliberation) => OnEscalate(state with { Meeting = null, Committee = null, DecisionDueAt = null }, Transitions.NoMeeting, context, now, null, state.Meeting is null ? "no meeting took the case up in time" : $"meeting {state.Meeting.MeetingId} recorded no decision in time"),
            (DeadlineKind.DecisionReview, CaseStatus.DecisionReview) => DecisionReviewEnds(state, context, now),
            _ => Decision.Ignore($"{due.Kind} deadline does not apply in {state.Status}"),
        };
    }

    private static Decision RouteAgain(CaseState state, WorkflowContext context, DateTimeOffset now)
    {
        var phase = state.Phase + 1;
        var retry = context.Policy.RouteRetry.DueFrom(now, context.CalendarOf(context.Directory.DispatchCentre));
        // A received case has no unit yet: the timeline entry names none.
        var retried = state with { Phase = phase, NextDeadlineAt = retry, NextDeadlineKind = DeadlineKind.Route };
        return Keep(retried, now, TimelineEvents.RouteRetried, null, isPublic: false, effects: _ => [new SendToSelf(new Route($"route-{phase}", now)), new ScheduleDeadline(DeadlineKind.Route, phase, retry)]);
    }

    private static Decision TriageOverdue(CaseState state, WorkflowContext context, DateTimeOffset now)
    {
        var phase = state.Phase + 1;
        var due = context.Policy.Triage.DueFrom(now, context.CalendarOf(context.Directory.DispatchCentre));
        var overdue = state with { Phase = phase, Overdue = true, NextDeadlineAt = due, NextDeadlineKind = DeadlineKind.Triage };
        return Keep(overdue, now, TimelineEvents.OverdueAlert, "未按时完成分拨", isPublic: false, effects: next => [new ScheduleDeadline(DeadlineKind.Triage, phase, due), Notice(Audience.TownAlert, NotificationTemplates.TriageOverdue, next)]);
    }

    private static Decision Reminder(CaseState state, DateTimeOffset now)
    {
        var due = state.Status == CaseStatus.Dispatched ? state.AcknowledgeDueAt : state.RespondDueAt;
        return Keep(state, now, TimelineEvents.Reminded, null, isPublic: false, effects: next => [Notice(Audience.Unit, NotificationTemplates.CaseReminder, next, ("dueAt", due?.ToString("O") ?? ""))]);
    }

    private static CaseState Deadline(CaseState state, DeadlineKind kind, DateTimeOffset due, List<CaseEffect> effects)
    {
        effects.Add(new ScheduleDeadline(kind, state.Phase, due));
        return state with { NextDeadlineAt = due, NextDeadlineKind = kind };
    }

    /// <summary>
    /// 催办 at the policy's share of the window to <paramref name="due"/>, counted in the deadline's own clock: working
    /// time for "2 working hours" or "7 working days", wall-clock time for a wall-clock deadline (an emergency's 2 hours, a
    /// utility's 24 hours), so a 24-hour case dispatched on a Friday afternoon is not reminded an hour later because the
    /// office closes at five.
    /// </summary>
    private static void Remind(CaseState state, DateTimeOffset from, DateTimeOffset due, WorkingCalendar calendar, WorkflowPolicy policy, List<CaseEffect> effects, bool wallClock, DateTimeOffset? notBefore = null)
    {
        var working = wallClock ? TimeSpan.Zero : calendar.WorkingTimeBetween(from, due);
        var at = working > TimeSpan.Zero
            ? calendar.AddWorkingTime(from, working * policy.RemindAt)
            : from + ((due - from) * policy.RemindAt);
        if (at < due && at >= (notBefore ?? from))
        {
            effects.Add(new ScheduleDeadline(DeadlineKind.Remind, state.Phase, at));
        }
    }

    private static DeadlineSpec AcknowledgeSpec(CaseState state, WorkflowPolicy policy) =>
        state.Urgency.IsUrgent() ? policy.EmergencyAcknowledge : policy.Acknowledge;

    /// <summary>The response deadline's rule; a possible emergency is timed as an emergency until a dispatcher says otherwise.</summary>
    private static DeadlineSpec RespondSpec(CaseState state, WorkflowContext context) =>
        state.Implementation
            ? context.Policy.Implementation
            : context.Policy.ResponseDeadlineFor(state.Urgency.IsUrgent() ? Urgency.Emergency : state.Urgency, context.Directory.FindCategory(state.Category ?? "")?.DeadlineClass ?? "general", state.RequestType, state.Tier ?? Tier.Town);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private static DateTimeOffset? Min2(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : Min(a.Value, b.Value);
}
