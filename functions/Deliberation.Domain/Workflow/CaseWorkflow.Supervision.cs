using Deliberation.Domain.Directory;
using Deliberation.Domain.Notifications;

namespace Deliberation.Domain.Workflow;

// Supervision: 督办 (shorter deadlines) and 吹哨报到 (a whistle summons departments, who report in).
public static partial class CaseWorkflow
{
    private static Decision OnSupervise(CaseState state, Supervise supervise, WorkflowContext context, DateTimeOffset now)
    {
        if (!Transitions.Allows(state.Status, Transitions.Supervise, state.Status))
        {
            return NotAllowed(state, Transitions.Supervise);
        }

        if (state.Supervision is { } already)
        {
            return Decision.Reject($"本案件已于 {Shanghai(already.At)} 起督办。");
        }

        var calendar = context.CalendarOf(state.UnitId!);
        var policy = context.Policy;
        var factor = Math.Clamp(policy.SupervisionFactor, 0, 1);

        // Each deadline shortens in the clock it was set in: working time for "7 working days", wall-clock time for
        // the 24 hours of a utility failure (a weekend must not turn half of a day into forty minutes).
        DateTimeOffset? Shorten(DateTimeOffset? due, bool working)
        {
            if (due is not { } at || at <= now)
            {
                return due;
            }

            var remaining = working ? calendar.WorkingTimeBetween(now, at) : TimeSpan.Zero;
            return remaining > TimeSpan.Zero ? calendar.AddWorkingTime(now, remaining * factor) : now + ((at - now) * factor);
        }

        var respondWorking = RespondSpec(state, context).Working;
        var ackWorking = AcknowledgeSpec(state, policy).Working;

        var before = state.NextDeadlineAt;
        var ackShortened = Shorten(state.AcknowledgeDueAt, ackWorking);
        var ackByResponse = Shorten(state.RespondDueAt, respondWorking) < ackShortened;
        var shortened = state with
        {
            AcknowledgeDueAt = state.Status == CaseStatus.Dispatched ? Min2(ackShortened, Shorten(state.RespondDueAt, respondWorking)) : state.AcknowledgeDueAt,
            RespondDueAt = Shorten(state.RespondDueAt, respondWorking),

            // On a meeting's agenda the clock is the meeting's: supervision is recorded and the unit head told, but the
            // decision cannot be due before the meeting has been held.
            DecisionDueAt = state.Status == CaseStatus.InDeliberation && state.Meeting is null ? Shorten(state.DecisionDueAt, policy.Deliberation.Working) : state.DecisionDueAt,
            AgendaDueAt = state.Status == CaseStatus.InDeliberation && state.Meeting is null ? Shorten(state.AgendaDueAt, policy.Deliberation.Working) : state.AgendaDueAt,
        };
        var next = shortened with { Phase = state.Phase + 1 };
        var effects = new List<CaseEffect>();
        switch (next.Status)
        {
            case CaseStatus.Dispatched:
                next = Deadline(next, DeadlineKind.Acknowledge, next.AcknowledgeDueAt ?? now, effects);
                Remind(next, now, next.AcknowledgeDueAt ?? now, calendar, context.Policy, effects, wallClock: ackByResponse ? !respondWorking : !ackWorking);
                break;
            case CaseStatus.InDeliberation:
                next = Deadline(next, DeadlineKind.Deliberation, next.DecisionDueAt ?? now, effects);
                break;
            default:
                next = Deadline(next, DeadlineKind.Respond, next.RespondDueAt ?? now, effects);
                Remind(next, now, next.RespondDueAt ?? now, calendar, context.Policy, effects, wallClock: !respondWorking);
                break;
        }

        next = next with { Supervision = new Supervision(supervise.Actor.UserId, now, supervise.Note?.Trim(), before, next.NextDeadlineAt) };
        var note = $"督办: deadline {Shanghai(before)} → {Shanghai(next.NextDeadlineAt)}{(supervise.Note is { Length: > 0 } n ? $"; {n.Trim()}" : "")}";
        return Keep(next, now, TimelineEvents.Supervised, note, isPublic: true, actorId: supervise.Actor.UserId, effects: supervised =>
        [
            .. effects,
            Notice(Audience.UnitHead, NotificationTemplates.CaseSupervised, supervised, ("by", supervise.Actor.UserId), ("dueAt", supervised.NextDeadlineAt?.ToString("O") ?? "")),
        ]);
    }

    private static Decision OnWhistle(CaseState state, Whistle whistle, WorkflowContext context, DateTimeOffset now)
    {
        if (!Transitions.Allows(state.Status, Transitions.Whistle, state.Status))
        {
            return NotAllowed(state, Transitions.Whistle);
        }

        if (string.IsNullOrWhiteSpace(whistle.Reason) || whistle.Reason.Length > MaxNoteLength)
        {
            return Decision.Reject($"吹哨须写明理由，不超过{MaxNoteLength}个字。");
        }

        if (context.Directory.FindUnit(whistle.Lead) is not { Kind: not UnitKind.DispatchCentre } lead)
        {
            return Decision.Reject($"未知的牵头单位「{whistle.Lead}」。");
        }

        var summoned = whistle.Summoned.Distinct(StringComparer.Ordinal).Where(u => u != lead.Id).ToList();
        if (summoned.Count is 0 or > MaxSummoned)
        {
            return Decision.Reject($"除牵头单位外，须召集1至{MaxSummoned}个部门。");
        }

        if (summoned.FirstOrDefault(u => context.Directory.FindUnit(u)?.Kind != UnitKind.Department) is { } wrong)
        {
            return Decision.Reject($"「{wrong}」不是镇职能部门；吹哨只能召集部门。");
        }

        var round = (state.Whistle?.Round ?? 0) + 1;
        var summons = summoned.Select(u => new Summons(u, context.Policy.ReportIn.DueFrom(now, context.CalendarOf(u)))).ToList();
        var call = new WhistleCall(round, whistle.Actor.UserId, lead.Id, now, whistle.Reason.Trim(), summons);

        var note = $"吹哨: lead {lead.Name}; summoned {string.Join(", ", summoned)}";
        Decision decision;
        if (lead.Id == state.UnitId)
        {
            // The case's own unit leads: its status and deadlines stand (a whistle is no way to win time), the
            // departments report in beside it.
            decision = Keep(state with { Whistle = call }, now, TimelineEvents.Whistle, note, isPublic: true, actorId: whistle.Actor.UserId);
        }
        else
        {
            // Another unit leads: it signs for the case like any dispatch. An overdue case stays marked overdue.
            decision = Move(state with { Whistle = call }, Transitions.WhistleNewLead, CaseStatus.Dispatched, context, now, whistle.Actor, note, unitId: lead.Id, timelineEvent: TimelineEvents.Whistle);
        }

        return WithNotices(decision, next =>
        [
            .. summons.Select(s => (CaseEffect)new Notify(Audience.Unit, NotificationTemplates.WhistleSummoned, s.UnitId, NoticeData(next, ("unitId", s.UnitId), ("lead", lead.Id), ("dueAt", s.DueAt.ToString("O"))))),
            .. call.ReportInTimers().Select(t => (CaseEffect)new ScheduleDeadline(DeadlineKind.ReportIn, t.Phase, t.DueAt)),
        ]);
    }

    private static Decision OnReportIn(CaseState state, ReportIn reportIn, DateTimeOffset now)
    {
        if (!Transitions.Allows(state.Status, Transitions.ReportIn, state.Status))
        {
            return NotAllowed(state, Transitions.ReportIn);
        }

        var summons = state.Whistle?.Summoned.FirstOrDefault(s => s.UnitId == reportIn.Actor.UnitId);
        if (summons is null)
        {
            return Decision.Reject("只有被召集的部门才能报到。");
        }

        if (summons.ReportedAt is not null)
        {
            return Decision.Reject("该部门已经报到。");
        }

        var call = state.Whistle! with { Summoned = [.. state.Whistle.Summoned.Select(s => s == summons ? s with { ReportedAt = now } : s)] };
        var late = summons.Missed ? " (late)" : "";
        var note = $"{reportIn.Actor.UnitId} reported in{late}{(reportIn.Note is { Length: > 0 } n ? $": {n.Trim()}" : "")}";
        return Keep(state with { Whistle = call }, now, TimelineEvents.ReportedIn, note, isPublic: true, actorId: reportIn.Actor.UserId, timelineUnitId: summons.UnitId);
    }

    /// <summary>A report-in time is up: every summoned department due by then that has not reported in is escalated.</summary>
    private static Decision ReportInDue(CaseState state, DeadlineDue due, DateTimeOffset now)
    {
        if (state.Whistle is not { } call || call.Round != WhistleCall.RoundOfTimer(due.Phase))
        {
            return Decision.Ignore($"stale report-in deadline for whistle {WhistleCall.RoundOfTimer(due.Phase)}");
        }

        if (!Transitions.Allows(state.Status, Transitions.ReportInMissed, state.Status))
        {
            return Decision.Ignore($"the case is {state.Status}: report-ins no longer matter");
        }

        var missed = call.Summoned.Where(s => s.ReportedAt is null && !s.Missed && s.DueAt <= due.DueAt).ToList();
        if (missed.Count == 0)
        {
            return Decision.Ignore("every summoned department due by then reported in");
        }

        var marked = state with { Whistle = call with { Summoned = [.. call.Summoned.Select(s => missed.Contains(s) ? s with { Missed = true } : s)] } };
        return Keep(marked, now, TimelineEvents.ReportInMissed, $"未按时报到：{string.Join("、", missed.Select(s => s.UnitId))}", isPublic: false, effects: next =>
        [
            .. missed.Select(s => (CaseEffect)new Notify(Audience.TownAlert, NotificationTemplates.ReportInMissed, s.UnitId, NoticeData(next, ("unitId", s.UnitId), ("dueAt", s.DueAt.ToString("O"))))),
            Notice(Audience.Followers, NotificationTemplates.ReportInMissed, next, ("units", string.Join(",", missed.Select(s => s.UnitId)))),
        ]);
    }
}
