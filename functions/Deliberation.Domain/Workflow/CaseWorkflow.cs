using Deliberation.Domain.Calendars;
using Deliberation.Domain.Directory;
using Deliberation.Domain.Routing;

namespace Deliberation.Domain.Workflow;

/// <summary>
/// The case workflow as a pure decider: <c>Decide(state, message, now) → (new state, effects)</c>.
/// No clock, no I/O: the runtime loads the case, calls this, and commits the result with its effects.
/// </summary>
public static class CaseWorkflow
{
    /// <summary>How many locations and pictures a case keeps.</summary>
    public const int MaxAttachments = 20;

    /// <summary>The longest reply, reason or note the workflow stores (the case must fit one table row).</summary>
    public const int MaxNoteLength = 4000;

    /// <summary>A new case from a resident's submission: stored as received, then routed through the queue.</summary>
    public static Decision Start(string caseId, Submit submit, WorkflowContext context, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caseId);
        if (string.IsNullOrWhiteSpace(submit.Text))
        {
            return Decision.Reject("The suggestion has no text.");
        }

        var state = new CaseState
        {
            CaseId = caseId,
            Version = 1,
            Phase = 1,
            Status = CaseStatus.Received,
            Channel = submit.Channel,
            RequestType = submit.RequestType ?? RequestTypeDetector.Detect(submit.Text),
            Urgency = submit.Urgency ?? Urgency.Normal,
            Text = submit.Text.Trim(),
            Place = submit.Place?.Trim(),
            CategoryHint = submit.Category,
            ReceivedAt = submit.OccurredAt,
            UpdatedAt = now,
        };

        var retry = context.Policy.RouteRetry.DueFrom(now, context.CalendarOf(context.Directory.DispatchCentre));
        state = state with { NextDeadlineAt = retry, NextDeadlineKind = DeadlineKind.Route };
        return new Decision
        {
            NewState = state,
            Timeline = new(1, now, "Received", CaseStatus.Received, null, null, $"via {submit.Channel}", Public: true),
            Effects =
            [
                new SendToSelf(new Route($"route-{state.Phase}", now)),
                new ScheduleDeadline(DeadlineKind.Route, state.Phase, retry),
                .. submit.AcknowledgedInline ? Array.Empty<CaseEffect>() : [new Notify(Audience.Reporter, "case-received", null, new Dictionary<string, string> { ["caseId"] = caseId })],
            ],
        };
    }

    public static Decision Decide(CaseState state, CaseMessage message, WorkflowContext context, DateTimeOffset now) =>
        message switch
        {
            Route route => OnRoute(state, route, context, now),
            Acknowledge ack => Move(state, Transitions.Acknowledge, CaseStatus.Acknowledged, context, now, ack.Actor, null),
            ReportProgress p => Move(state, Transitions.Progress, CaseStatus.InProgress, context, now, p.Actor, p.Note),
            Respond r => OnRespond(state, r, context, now),
            Decline d => OnDecline(state, d, context, now),
            Transfer t => Move(state with { Overdue = false }, Transitions.Transfer, CaseStatus.Triage, context, now, t.Actor, t.SuggestedUnit is null ? t.Reason : $"{t.Reason} (suggests {t.SuggestedUnit})", unitId: context.Directory.DispatchCentre),
            Reassign r => OnReassign(state, r, context, now),
            Escalate e => OnEscalate(state, Transitions.Escalate, context, now, e.Actor, e.Reason),
            ReferToDeliberation r => OnRefer(state, r, context, now),
            DeliberationDecided d => OnDeliberationDecided(state, d, context, now),
            Reopen r => OnReopen(state, r, context, now),
            DeadlineDue due => OnDeadline(state, due, context, now),
            Rate rate => OnRate(state, rate, context, now),
            CoReport report => OnCoReport(state, report, context, now),
            SplitReport split => OnSplit(state, split, now),
            AddAttachment attachment => OnAttach(state, attachment, now),
            Submit => Decision.Reject("The case already exists."),
            _ => Decision.Reject($"Unknown message {message.GetType().Name}."),
        };

    private static Decision OnRoute(CaseState state, Route route, WorkflowContext context, DateTimeOffset now)
    {
        if (state.Status != CaseStatus.Received)
        {
            return Decision.Ignore("already routed");
        }

        var result = Router.Route(context.Directory, state.Text, state.Place, state.CategoryHint, state.Urgency == Urgency.Emergency ? Urgency.Emergency : null, context.Classifier, context.Policy.ClassifierMinConfidence);
        var routed = state with { Category = result.Category, Village = result.Village, Urgency = result.Urgency };
        return result.Triage
            ? Move(routed, Transitions.RouteToTriage, CaseStatus.Triage, context, now, null, result.Reason, unitId: result.UnitId)
            : Move(routed, Transitions.Route, CaseStatus.Dispatched, context, now, null, result.Reason, unitId: result.UnitId);
    }

    private static Decision OnRespond(CaseState state, Respond respond, WorkflowContext context, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(respond.Reply) || respond.Reply.Length > MaxNoteLength)
        {
            return Decision.Reject($"A reply to the resident of at most {MaxNoteLength} characters is required.");
        }

        var replied = state with { Reply = respond.Reply.Trim(), DeclineReason = null, RespondedAt = now, Overdue = false };
        return Move(replied, Transitions.Respond, CaseStatus.Responded, context, now, respond.Actor, respond.Reply);
    }

    private static Decision OnDecline(CaseState state, Decline decline, WorkflowContext context, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(decline.Reason) || decline.Reason.Length > MaxNoteLength)
        {
            return Decision.Reject($"Declining needs a reason the resident can read (at most {MaxNoteLength} characters).");
        }

        var declined = state with { Reply = decline.Reason.Trim(), DeclineReason = decline.Reason.Trim(), RespondedAt = now, Overdue = false };
        return Move(declined, Transitions.Decline, CaseStatus.Declined, context, now, decline.Actor, decline.Reason);
    }

    private static Decision OnReassign(CaseState state, Reassign reassign, WorkflowContext context, DateTimeOffset now)
    {
        var unit = context.Directory.FindUnit(reassign.UnitId);
        if (unit is null)
        {
            return Decision.Reject($"Unknown unit '{reassign.UnitId}'.");
        }

        if (unit.Kind == UnitKind.DispatchCentre)
        {
            return Decision.Reject("Reassign to a handling unit; the dispatch centre keeps triage cases itself.");
        }

        var category = reassign.Category is null ? state.Category : context.Directory.FindCategory(reassign.Category)?.Id;
        if (reassign.Category is not null && category is null)
        {
            return Decision.Reject($"Unknown category '{reassign.Category}'.");
        }

        var village = unit.Kind switch
        {
            UnitKind.ServicePoint => unit.Village,
            UnitKind.VillageCommittee => unit.Id,
            _ => state.Village,
        };
        return Move(state with { Category = category, Village = village, Overdue = false }, Transitions.Reassign, CaseStatus.Dispatched, context, now, reassign.Actor, unit.Name, unitId: unit.Id);
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
                ? Decision.Reject("The case is already at the top tier.")
                : OverdueAtTop(state, context, now, reason);
        }

        var escalated = state with { EscalationCount = state.EscalationCount + 1, Overdue = actor is null };
        var decision = Move(escalated, trigger, CaseStatus.Dispatched, context, now, actor, reason, unitId: next.Id, timelineEvent: "Escalated");
        return actor is null ? WithOverdueNotice(decision, state) : decision;
    }

    /// <summary>Nowhere higher to go: alert the town and look again later, so the case never stalls.</summary>
    private static Decision OverdueAtTop(CaseState state, WorkflowContext context, DateTimeOffset now, string reason)
    {
        var phase = state.Phase + 1;
        var due = context.Policy.TopTierRealert.DueFrom(now, context.CalendarOf(state.UnitId!));
        var kind = state.Status == CaseStatus.Dispatched ? DeadlineKind.Acknowledge : DeadlineKind.Respond;
        var next = Advance(state, now) with { Phase = phase, Overdue = true, NextDeadlineAt = due, NextDeadlineKind = kind };
        if (!Transitions.Allows(state.Status, Transitions.OverdueAtTop, state.Status))
        {
            return NotAllowed(state, Transitions.OverdueAtTop);
        }

        return WithOverdueNotice(
            new Decision
            {
                NewState = next,
                Timeline = new(next.Version, now, "OverdueAlert", next.Status, next.UnitId, null, reason, Public: false),
                Effects =
                [
                    new ScheduleDeadline(kind, phase, due),
                    Notice(Audience.TownAlert, "case-overdue-top", next),
                ],
            },
            state);
    }

    private static Decision WithOverdueNotice(Decision decision, CaseState before) =>
        decision.NewState is null
            ? decision
            : decision with { Effects = [.. decision.Effects, Notice(Audience.Followers, "case-overdue", decision.NewState, ("fromUnit", before.UnitId ?? ""))] };

    private static Decision OnRefer(CaseState state, ReferToDeliberation refer, WorkflowContext context, DateTimeOffset now)
    {
        var unit = state.UnitId is null ? null : context.Directory.FindUnit(state.UnitId);
        var committee = unit?.Kind == UnitKind.VillageCommittee ? unit.Id : state.Village;
        if (committee is null)
        {
            return Decision.Reject("Only a case of a known village can go to its committee's deliberation.");
        }

        return Move(state with { Committee = committee }, Transitions.Refer, CaseStatus.InDeliberation, context, now, refer.Actor, refer.Note, unitId: committee);
    }

    private static Decision OnDeliberationDecided(CaseState state, DeliberationDecided decided, WorkflowContext context, DateTimeOffset now)
    {
        if (state.Status != CaseStatus.InDeliberation)
        {
            return NotAllowed(state, Transitions.MeetingDecided);
        }

        if (decided.Outcome == DeliberationOutcome.Deferred)
        {
            return Move(state, Transitions.MeetingDeferred, CaseStatus.InDeliberation, context, now, null, decided.Resolution, timelineEvent: "Deferred");
        }

        var reply = $"{(decided.Outcome == DeliberationOutcome.Adopted ? "议事会通过" : "议事会未通过")}: {decided.Resolution}";
        return Move(state with { Reply = reply, RespondedAt = now }, Transitions.MeetingDecided, CaseStatus.Responded, context, now, null, reply, timelineEvent: "DeliberationDecided");
    }

    private static Decision OnReopen(CaseState state, Reopen reopen, WorkflowContext context, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reopen.Reason))
        {
            return Decision.Reject("Reopening needs a reason.");
        }

        // Back to the unit that answered; a committee's decision goes back to the committee.
        var reopened = state with { ReopenCount = state.ReopenCount + 1, Reply = null, DeclineReason = null, RespondedAt = null };
        return Move(reopened, Transitions.Reopen, CaseStatus.Dispatched, context, now, reopen.Actor, reopen.Reason, unitId: state.UnitId);
    }

    private static Decision OnCoReport(CaseState state, CoReport report, WorkflowContext context, DateTimeOffset now)
    {
        if (!Transitions.Allows(state.Status, Transitions.CoReport, state.Status))
        {
            return NotAllowed(state, Transitions.CoReport);
        }

        // Joining changes no deadline; it raises the priority once enough residents share the matter.
        var count = state.ReporterCount + 1;
        var raised = !state.HighPriority && count >= context.Policy.HighPriorityReporters;
        var next = Advance(state, now) with { ReporterCount = count, HighPriority = state.HighPriority || raised };
        List<CaseEffect> effects = [Notice(Audience.Reporter, "case-joined", next, ("reporterKey", report.ReporterKey))];
        if (raised)
        {
            effects.Add(Notice(Audience.Unit, "case-priority-raised", next, ("reporters", count.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        return new Decision
        {
            NewState = next,
            Timeline = new(next.Version, now, "CoReported", next.Status, next.UnitId, null, $"via {report.Channel}; {count} reporters", Public: true),
            Effects = effects,
        };
    }

    private static Decision OnSplit(CaseState state, SplitReport split, DateTimeOffset now)
    {
        if (!Transitions.Allows(state.Status, Transitions.Split, state.Status))
        {
            return NotAllowed(state, Transitions.Split);
        }

        if (state.ReporterCount <= 1)
        {
            return Decision.Reject("The case has no co-report to split off.");
        }

        var next = Advance(state, now) with { ReporterCount = state.ReporterCount - 1 };
        return new Decision
        {
            NewState = next,
            Timeline = new(next.Version, now, "Split", next.Status, next.UnitId, split.Actor.UserId, "a co-report was not the same matter", Public: false),
        };
    }

    private static Decision OnRate(CaseState state, Rate rate, WorkflowContext context, DateTimeOffset now)
    {
        var rated = state with { Satisfaction = rate.Score };
        if (rate.Score == Satisfaction.Dissatisfied && state.ReopenCount < context.Policy.MaxReopensOnDissatisfaction
            && Transitions.Allows(state.Status, Transitions.RateDissatisfied, CaseStatus.Dispatched))
        {
            var reopened = rated with { ReopenCount = state.ReopenCount + 1, Reply = null, DeclineReason = null, RespondedAt = null };
            return Move(reopened, Transitions.RateDissatisfied, CaseStatus.Dispatched, context, now, null, "居民不满意，重新办理", timelineEvent: "Reopened");
        }

        if (!Transitions.Allows(state.Status, Transitions.Rate, state.Status))
        {
            return NotAllowed(state, Transitions.Rate);
        }

        // Recording a rating changes no deadline: the phase stays.
        var next = Advance(rated, now);
        return new Decision
        {
            NewState = next,
            Timeline = new(next.Version, now, "Rated", next.Status, next.UnitId, null, rate.Score.ToString(), Public: true),
        };
    }

    private static Decision OnAttach(CaseState state, AddAttachment attachment, DateTimeOffset now)
    {
        if (!Transitions.Allows(state.Status, Transitions.Attach, state.Status))
        {
            return NotAllowed(state, Transitions.Attach);
        }

        if (string.IsNullOrWhiteSpace(attachment.Reference))
        {
            return Decision.Reject("The attachment has no reference.");
        }

        // Like a rating, an attachment changes no deadline: the phase stays. The note names only the kind.
        var next = Advance(state, now) with
        {
            // The most recent ones only: the case is one table row, and a follower can send pictures without end.
            Attachments = [.. state.Attachments.TakeLast(MaxAttachments - 1), new CaseAttachment(attachment.Kind, attachment.Reference.Trim(), attachment.Label?.Trim(), attachment.OccurredAt)],
        };
        return new Decision
        {
            NewState = next,
            Timeline = new(next.Version, now, "AttachmentAdded", next.Status, next.UnitId, null, attachment.Kind.ToString(), Public: false),
        };
    }

    private static Decision OnDeadline(CaseState state, DeadlineDue due, WorkflowContext context, DateTimeOffset now)
    {
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
            (DeadlineKind.Publish, CaseStatus.Responded or CaseStatus.Declined) => Move(state, Transitions.Publish, CaseStatus.PublicReview, context, now, null, null, timelineEvent: "Published"),
            (DeadlineKind.CloseReview, CaseStatus.PublicReview) => Move(state with { ClosedAt = now }, Transitions.ReviewEnds, CaseStatus.Closed, context, now, null, null),
            (DeadlineKind.Deliberation, CaseStatus.InDeliberation) => OnEscalate(state, Transitions.NoMeeting, context, now, null, "no meeting decided in time"),
            _ => Decision.Ignore($"{due.Kind} deadline does not apply in {state.Status}"),
        };
    }

    private static Decision RouteAgain(CaseState state, WorkflowContext context, DateTimeOffset now)
    {
        var phase = state.Phase + 1;
        var retry = context.Policy.RouteRetry.DueFrom(now, context.CalendarOf(context.Directory.DispatchCentre));
        var next = Advance(state, now) with { Phase = phase, NextDeadlineAt = retry, NextDeadlineKind = DeadlineKind.Route };
        return new Decision
        {
            NewState = next,
            Timeline = new(next.Version, now, "RouteRetried", next.Status, null, null, null, Public: false),
            Effects = [new SendToSelf(new Route($"route-{phase}", now)), new ScheduleDeadline(DeadlineKind.Route, phase, retry)],
        };
    }

    private static Decision TriageOverdue(CaseState state, WorkflowContext context, DateTimeOffset now)
    {
        var phase = state.Phase + 1;
        var due = context.Policy.Triage.DueFrom(now, context.CalendarOf(context.Directory.DispatchCentre));
        var next = Advance(state, now) with { Phase = phase, Overdue = true, NextDeadlineAt = due, NextDeadlineKind = DeadlineKind.Triage };
        return new Decision
        {
            NewState = next,
            Timeline = new(next.Version, now, "OverdueAlert", next.Status, next.UnitId, null, "triage not done in time", Public: false),
            Effects = [new ScheduleDeadline(DeadlineKind.Triage, phase, due), Notice(Audience.TownAlert, "triage-overdue", next)],
        };
    }

    private static Decision Reminder(CaseState state, DateTimeOffset now)
    {
        var next = Advance(state, now);
        var due = state.Status == CaseStatus.Dispatched ? state.AcknowledgeDueAt : state.RespondDueAt;
        return new Decision
        {
            NewState = next,
            Timeline = new(next.Version, now, "Reminded", next.Status, next.UnitId, null, null, Public: false),
            Effects = [Notice(Audience.Unit, "case-reminder", next, ("dueAt", due?.ToString("O") ?? ""))],
        };
    }

    /// <summary>
    /// Moves the case to <paramref name="to"/> if the transition table allows it, entering the new
    /// status: a new phase, its deadlines and its notices.
    /// </summary>
    private static Decision Move(
        CaseState state,
        string trigger,
        CaseStatus to,
        WorkflowContext context,
        DateTimeOffset now,
        Actor? actor,
        string? note,
        string? unitId = null,
        string? timelineEvent = null)
    {
        if (!Transitions.Allows(state.Status, trigger, to))
        {
            return NotAllowed(state, trigger);
        }

        var unit = unitId ?? state.UnitId;
        var unitChanged = unit != state.UnitId;
        var next = Advance(state, now) with
        {
            Status = to,
            Phase = state.Phase + 1,
            UnitId = unit,
            Tier = unit is null ? state.Tier : context.Directory.GetUnit(unit).Tier,
            UnitHistory = unitChanged && unit is not null ? [.. state.UnitHistory, unit] : state.UnitHistory,
        };

        var effects = new List<CaseEffect>();
        next = Enter(next, context, now, effects, newAssignment: to == CaseStatus.Dispatched || unitChanged);
        var entry = new TimelineEntry(next.Version, now, timelineEvent ?? EventName(to, trigger), to, next.UnitId, actor?.UserId, note, IsPublic(trigger));
        return new Decision { NewState = next, Timeline = entry, Effects = effects };
    }

    /// <summary>Deadlines and notices on entering a status. Every non-final status sets a deadline here.</summary>
    private static CaseState Enter(CaseState state, WorkflowContext context, DateTimeOffset now, List<CaseEffect> effects, bool newAssignment)
    {
        var policy = context.Policy;
        var calendar = state.UnitId is null ? context.CalendarOf(context.Directory.DispatchCentre) : context.CalendarOf(state.UnitId);
        switch (state.Status)
        {
            case CaseStatus.Triage:
                state = Deadline(state, DeadlineKind.Triage, policy.Triage.DueFrom(now, calendar), effects);
                effects.Add(Notice(Audience.Unit, "case-triage", state));
                break;

            case CaseStatus.Dispatched:
                var category = context.Directory.FindCategory(state.Category ?? "");
                var ackSpec = state.Urgency == Urgency.Emergency ? policy.EmergencyAcknowledge : policy.Acknowledge;
                var respondSpec = policy.ResponseDeadlineFor(state.Urgency, category?.DeadlineClass ?? "general", state.RequestType, state.Tier ?? Tier.Town);
                var respondBy = respondSpec.DueFrom(now, calendar);

                // A short wall-clock response deadline (24 h utility) can fall before a unit closed for the
                // weekend would even have to acknowledge: then the case moves on when the response is due.
                var ackDue = Min(ackSpec.DueFrom(now, calendar), respondBy);
                state = state with { DispatchedAt = now, AcknowledgeDueAt = ackDue, RespondDueAt = respondBy };
                state = Deadline(state, DeadlineKind.Acknowledge, ackDue, effects);
                Remind(state, now, ackDue, calendar, policy, effects);
                if (newAssignment)
                {
                    effects.Add(Notice(Audience.Unit, "case-dispatched", state));
                    effects.Add(Notice(Audience.Reporter, "case-dispatched", state));
                }

                if (state.Urgency == Urgency.Emergency && state.EscalationCount == 0 && state.ReopenCount == 0)
                {
                    effects.Add(Notice(Audience.TownAlert, "emergency", state));
                }

                break;

            case CaseStatus.Acknowledged or CaseStatus.InProgress:
                // Once overdue at the top tier the next look is the re-alert, not the response date already past.
                var respondDue = state.Overdue && state.NextDeadlineAt > now && state.NextDeadlineAt > state.RespondDueAt
                    ? state.NextDeadlineAt.Value
                    : state.RespondDueAt ?? now;
                state = Deadline(state, DeadlineKind.Respond, respondDue, effects);
                Remind(state, state.DispatchedAt ?? now, respondDue, calendar, policy, effects, notBefore: now);
                break;

            case CaseStatus.Responded or CaseStatus.Declined:
                state = Deadline(state, DeadlineKind.Publish, policy.ReviewBeforePublish.DueFrom(now, calendar), effects);
                effects.Add(Notice(Audience.Reporter, state.Status == CaseStatus.Declined ? "case-declined" : "case-responded", state));
                break;

            case CaseStatus.PublicReview:
                state = Deadline(state, DeadlineKind.CloseReview, policy.PublicReview.DueFrom(now, calendar), effects);
                effects.Add(Notice(Audience.Reporter, "public-review-started", state));
                break;

            case CaseStatus.InDeliberation:
                state = Deadline(state, DeadlineKind.Deliberation, policy.Deliberation.DueFrom(now, calendar), effects);
                effects.Add(Notice(Audience.Unit, "case-referred", state));
                effects.Add(Notice(Audience.Reporter, "case-referred", state));
                break;

            case CaseStatus.Closed:
                state = state with { NextDeadlineAt = null, NextDeadlineKind = null };
                effects.Add(Notice(Audience.Reporter, "case-closed", state));
                break;

            default:
                throw new InvalidOperationException($"No entry rule for {state.Status}.");
        }

        return state;
    }

    private static CaseState Deadline(CaseState state, DeadlineKind kind, DateTimeOffset due, List<CaseEffect> effects)
    {
        effects.Add(new ScheduleDeadline(kind, state.Phase, due));
        return state with { NextDeadlineAt = due, NextDeadlineKind = kind };
    }

    private static void Remind(CaseState state, DateTimeOffset from, DateTimeOffset due, WorkingCalendar calendar, WorkflowPolicy policy, List<CaseEffect> effects, DateTimeOffset? notBefore = null)
    {
        var working = calendar.WorkingTimeBetween(from, due);
        var at = working > TimeSpan.Zero
            ? calendar.AddWorkingTime(from, working * policy.RemindAt)
            : from + ((due - from) * policy.RemindAt);
        if (at < due && at >= (notBefore ?? from))
        {
            effects.Add(new ScheduleDeadline(DeadlineKind.Remind, state.Phase, at));
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private static CaseState Advance(CaseState state, DateTimeOffset now) => state with { Version = state.Version + 1, UpdatedAt = now };

    private static Notify Notice(Audience audience, string template, CaseState state, params (string Key, string Value)[] extra)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal) { ["caseId"] = state.CaseId, ["status"] = state.Status.ToString() };
        if (state.UnitId is not null)
        {
            data["unitId"] = state.UnitId;
        }

        if (state.Village is not null)
        {
            data["village"] = state.Village;
        }

        foreach (var (key, value) in extra)
        {
            data[key] = value;
        }

        return new Notify(audience, template, state.UnitId, data);
    }

    private static Decision NotAllowed(CaseState state, string trigger)
    {
        var allowed = string.Join(", ", Transitions.SourcesOf(trigger));
        return Decision.Reject($"'{trigger}' is not possible while the case is {state.Status} (possible when: {allowed}).");
    }

    private static string EventName(CaseStatus to, string trigger) => trigger switch
    {
        Transitions.Transfer => "Transferred",
        Transitions.Reassign => "Reassigned",
        Transitions.Reopen => "Reopened",
        Transitions.Refer => "Referred",
        Transitions.RouteToTriage => "Triage",
        Transitions.Progress => "Progress",
        _ => to.ToString(),
    };

    private static bool IsPublic(string trigger) => trigger is not (Transitions.Progress or Transitions.Remind);
}
