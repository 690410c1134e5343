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
            // Erring on the side of life: a text that reads as danger is urgent whatever the intake said.
            Urgency = UrgencyLevels.Max(submit.Urgency ?? Urgency.Normal, UrgencyDetector.Detect(submit.Text, context.Directory.EmergencyKeywords)),
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
                .. submit.AcknowledgedInline ? Array.Empty<CaseEffect>() : [new Notify(Audience.Reporter, "case-received", null, ReceivedData(state))],
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
            ScheduleForMeeting m => OnScheduleForMeeting(state, m, context, now),
            MeetingCancelled c => OnMeetingCancelled(state, c, context, now),
            Support support => OnSupport(state, support, context, now),
            RaiseObjection objection => OnObjection(state, objection, context, now),
            Supervise supervise => OnSupervise(state, supervise, context, now),
            Whistle whistle => OnWhistle(state, whistle, context, now),
            ReportIn reportIn => OnReportIn(state, reportIn, now),
            Reopen r => OnReopen(state, r, context, now),
            ConfirmEmergency c => OnConfirmEmergency(state, c, context, now),
            DowngradeUrgency d => OnDowngrade(state, d, context, now),
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
            return Decision.Reject($"The case is already on the agenda of meeting {current.MeetingId}; take it off that agenda first.");
        }

        var meeting = new ScheduledMeeting(scheduled.MeetingId, scheduled.MeetingAt, scheduled.Place?.Trim());
        var decision = Move(state with { Meeting = meeting }, Transitions.ScheduleMeeting, CaseStatus.InDeliberation, context, now, null, $"meeting {scheduled.MeetingId}", timelineEvent: "OnAgenda");
        return WithNotices(decision, next =>
        [
            Notice(Audience.Reporter, "case-on-agenda", next, ("meetingId", meeting.MeetingId), ("meetingAt", meeting.At.ToString("O")), ("place", meeting.Place ?? "")),
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

        return Move(state with { Meeting = null }, Transitions.MeetingCancelled, CaseStatus.InDeliberation, context, now, null, cancelled.Reason, timelineEvent: "OffAgenda");
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
                ? $"The case is on the agenda of meeting {meeting.MeetingId}, not {decided.MeetingId}."
                : $"The case is not on the agenda of meeting {decided.MeetingId} (it waits for a meeting to take it up).");
        }

        if (string.IsNullOrWhiteSpace(decided.Resolution) || decided.Resolution.Length > MaxNoteLength)
        {
            return Decision.Reject($"A resolution of at most {MaxNoteLength} characters is required.");
        }

        if (decided.Outcome == DeliberationOutcome.Deferred)
        {
            // Carried over: the case waits for the next meeting, with a new scheduling deadline.
            var deferred = state with { Meeting = null, DeliberationRound = state.DeliberationRound + 1 };
            return Move(deferred, Transitions.MeetingDeferred, CaseStatus.InDeliberation, context, now, null, decided.Resolution, timelineEvent: "Deferred");
        }

        var committee = state.Committee ?? state.UnitId!;
        var responsible = decided.ResponsibleUnit ?? committee;
        if (decided.Outcome == DeliberationOutcome.Adopted && context.Directory.FindUnit(responsible) is not { Kind: not UnitKind.DispatchCentre })
        {
            return Decision.Reject($"Unknown responsible unit '{responsible}'.");
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
        return Move(decidedState, Transitions.MeetingDecided, CaseStatus.DecisionReview, context, now, null, reply, timelineEvent: "DecisionPublished");
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

    private static Decision OnObjection(CaseState state, RaiseObjection objection, WorkflowContext context, DateTimeOffset now)
    {
        if (state.Status != CaseStatus.DecisionReview || state.Decision is not { } decision)
        {
            return state.Decision switch
            {
                { Reopened: true } reopened => Decision.Reject($"The decision of meeting {reopened.MeetingId} was reopened by residents' objections; the next meeting decides again."),
                { } past => Decision.Reject($"The decision of meeting {past.MeetingId} is no longer under review (its review ended {Shanghai(past.ReviewEndsAt)}): it stands."),
                _ => NotAllowed(state, Transitions.Objection),
            };
        }

        if (now >= decision.ReviewEndsAt)
        {
            return Decision.Reject($"The review of the decision ended {Shanghai(decision.ReviewEndsAt)}: the decision stands.");
        }

        if (string.IsNullOrWhiteSpace(objection.Reason) || objection.Reason.Length > MaxNoteLength)
        {
            return Decision.Reject($"An objection needs a reason of at most {MaxNoteLength} characters.");
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
            var moved = Move(reopened, Transitions.ObjectionUpheld, CaseStatus.InDeliberation, context, now, null, note, timelineEvent: "Reopened");
            return WithNotices(moved, next => [Notice(Audience.Reporter, "decision-reopened", next)]);
        }

        var kept = Advance(state, now) with { Decision = counted };
        return Allowed(state, Transitions.Objection, state.Status) ?? new Decision
        {
            NewState = kept,
            Timeline = new(kept.Version, now, "Objection", kept.Status, kept.UnitId, null, note, Public: true),
        };
    }

    private static Decision DecisionReviewEnds(CaseState state, WorkflowContext context, DateTimeOffset now)
    {
        var decision = state.Decision!;
        if (decision.Outcome != DeliberationOutcome.Adopted)
        {
            return Move(state with { ClosedAt = now }, Transitions.DecisionRejected, CaseStatus.Closed, context, now, null, "the decision stands", timelineEvent: "DecisionStands");
        }

        // The decision stands: carrying it out is work for the responsible unit, through the same lifecycle.
        var implementation = state with { Implementation = true, Reply = null, RespondedAt = null, Overdue = false };
        // The directory may have changed since the meeting: a unit no longer listed leaves the work with the committee.
        var unit = context.Directory.FindUnit(decision.ResponsibleUnit ?? "") is { Kind: not UnitKind.DispatchCentre } listed
            ? listed
            : context.Directory.GetUnit(state.Committee ?? state.UnitId!);
        return Move(implementation, Transitions.DecisionAdopted, CaseStatus.Dispatched, context, now, null, $"carry out the decision: {unit.Name}", unitId: unit.Id, timelineEvent: "ImplementationDispatched");
    }

    private static Decision OnSupport(CaseState state, Support support, WorkflowContext context, DateTimeOffset now)
    {
        if (!Transitions.Allows(state.Status, Transitions.Support, state.Status))
        {
            return NotAllowed(state, Transitions.Support);
        }

        var supported = Advance(state, now) with { Supporters = state.Supporters + 1 };
        var note = $"附议{(support.Channel is { } channel ? $" via {channel}" : "")}; support {supported.Support}";
        if (ReferOnSupport(supported, context, now, note) is { } referred)
        {
            return referred;
        }

        return new Decision
        {
            NewState = supported,
            Timeline = new(supported.Version, now, "Supported", supported.Status, supported.UnitId, null, note, Public: true),
        };
    }

    /// <summary>
    /// 附议 and co-reports count towards the committee's threshold: a matter the village committee handles, of a category
    /// that needs a collective decision, goes onto its agenda when enough residents share it. A repair or a service
    /// point's small matter is settled, and a department's is administrative: support raises their priority instead. <paramref name="counted"/> already carries the new count (and version).
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

        // Move advances the version itself: start from the version before this message.
        var before = counted with { Version = counted.Version - 1, Committee = committee.Id };
        return Move(before, Transitions.SupportReached, CaseStatus.InDeliberation, context, now, null, $"{note}; {threshold} needed: on {committee.Name}'s agenda", unitId: committee.Id, timelineEvent: "Referred");
    }

    private static Decision OnSupervise(CaseState state, Supervise supervise, WorkflowContext context, DateTimeOffset now)
    {
        if (!Transitions.Allows(state.Status, Transitions.Supervise, state.Status))
        {
            return NotAllowed(state, Transitions.Supervise);
        }

        if (state.Supervision is { } already)
        {
            return Decision.Reject($"The case is already supervised (督办) since {Shanghai(already.At)}.");
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
        var next = Advance(shortened, now) with { Phase = state.Phase + 1 };
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
        effects.Add(Notice(Audience.UnitHead, "case-supervised", next, ("by", supervise.Actor.UserId), ("dueAt", next.NextDeadlineAt?.ToString("O") ?? "")));
        var note = $"督办: deadline {Shanghai(before)} → {Shanghai(next.NextDeadlineAt)}{(supervise.Note is { Length: > 0 } n ? $"; {n.Trim()}" : "")}";
        return new Decision
        {
            NewState = next,
            Timeline = new(next.Version, now, "Supervised", next.Status, next.UnitId, supervise.Actor.UserId, note, Public: true),
            Effects = effects,
        };
    }

    private static Decision OnWhistle(CaseState state, Whistle whistle, WorkflowContext context, DateTimeOffset now)
    {
        if (!Transitions.Allows(state.Status, Transitions.Whistle, state.Status))
        {
            return NotAllowed(state, Transitions.Whistle);
        }

        if (string.IsNullOrWhiteSpace(whistle.Reason) || whistle.Reason.Length > MaxNoteLength)
        {
            return Decision.Reject($"A whistle needs a reason of at most {MaxNoteLength} characters.");
        }

        if (context.Directory.FindUnit(whistle.Lead) is not { Kind: not UnitKind.DispatchCentre } lead)
        {
            return Decision.Reject($"Unknown lead unit '{whistle.Lead}'.");
        }

        var summoned = whistle.Summoned.Distinct(StringComparer.Ordinal).Where(u => u != lead.Id).ToList();
        if (summoned.Count == 0)
        {
            return Decision.Reject("Summon at least one department besides the lead.");
        }

        if (summoned.FirstOrDefault(u => context.Directory.FindUnit(u)?.Kind != UnitKind.Department) is { } wrong)
        {
            return Decision.Reject($"'{wrong}' is not a town department; a whistle summons departments.");
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
            var next = Advance(state, now) with { Whistle = call };
            decision = new Decision
            {
                NewState = next,
                Timeline = new(next.Version, now, "Whistle", next.Status, next.UnitId, whistle.Actor.UserId, note, Public: true),
            };
        }
        else
        {
            // Another unit leads: it signs for the case like any dispatch. An overdue case stays marked overdue.
            decision = Move(state with { Whistle = call }, Transitions.WhistleNewLead, CaseStatus.Dispatched, context, now, whistle.Actor, note, unitId: lead.Id, timelineEvent: "Whistle");
        }

        return WithNotices(decision, next =>
        [
            .. summons.Select(s => (CaseEffect)new Notify(Audience.Unit, "whistle-summoned", s.UnitId, NoticeData(next, ("unitId", s.UnitId), ("lead", lead.Id), ("dueAt", s.DueAt.ToString("O"))))),
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
            return Decision.Reject("Only a department summoned to the case reports in.");
        }

        if (summons.ReportedAt is not null)
        {
            return Decision.Reject("The department has already reported in.");
        }

        var call = state.Whistle! with { Summoned = [.. state.Whistle.Summoned.Select(s => s == summons ? s with { ReportedAt = now } : s)] };
        var next = Advance(state, now) with { Whistle = call };
        var late = summons.Missed ? " (late)" : "";
        return new Decision
        {
            NewState = next,
            Timeline = new(next.Version, now, "ReportedIn", next.Status, reportIn.Actor.UnitId, reportIn.Actor.UserId, $"{reportIn.Actor.UnitId} reported in{late}{(reportIn.Note is { Length: > 0 } n ? $": {n.Trim()}" : "")}", Public: true),
        };
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

        var next = Advance(state, now) with { Whistle = call with { Summoned = [.. call.Summoned.Select(s => missed.Contains(s) ? s with { Missed = true } : s)] } };
        List<CaseEffect> effects = [];
        foreach (var s in missed)
        {
            effects.Add(new Notify(Audience.TownAlert, "report-in-missed", s.UnitId, NoticeData(next, ("unitId", s.UnitId), ("dueAt", s.DueAt.ToString("O")))));
        }

        effects.Add(Notice(Audience.Followers, "report-in-missed", next, ("units", string.Join(",", missed.Select(s => s.UnitId)))));
        return new Decision
        {
            NewState = next,
            Timeline = new(next.Version, now, "ReportInMissed", next.Status, next.UnitId, null, $"not reported in: {string.Join(", ", missed.Select(s => s.UnitId))}", Public: false),
            Effects = effects,
        };
    }

    private static Decision? Allowed(CaseState state, string trigger, CaseStatus to) =>
        Transitions.Allows(state.Status, trigger, to) ? null : NotAllowed(state, trigger);

    private static Decision WithNotices(Decision decision, Func<CaseState, IEnumerable<CaseEffect>> extra) =>
        decision.NewState is null ? decision : decision with { Effects = [.. decision.Effects, .. extra(decision.NewState)] };

    private static string Shanghai(DateTimeOffset? at) =>
        at is { } value ? value.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "—";

    private static Decision OnReopen(CaseState state, Reopen reopen, WorkflowContext context, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reopen.Reason))
        {
            return Decision.Reject("Reopening needs a reason.");
        }

        // Back to the unit that answered; a committee's decision goes back to the committee.
        var reopened = state with { ReopenCount = state.ReopenCount + 1, StaffReopens = state.StaffReopens + 1, Reply = null, DeclineReason = null, RespondedAt = null };
        return Move(reopened, Transitions.Reopen, CaseStatus.Dispatched, context, now, reopen.Actor, reopen.Reason, unitId: state.UnitId);
    }

    /// <summary>The case number, and whether the text reads as danger (the resident is told to call 119/110/120 first).</summary>
    private static Dictionary<string, string> ReceivedData(CaseState state)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal) { ["caseId"] = state.CaseId };
        if (state.Urgency.IsUrgent())
        {
            data["emergency"] = "true";
        }

        return data;
    }

    private static Decision OnConfirmEmergency(CaseState state, ConfirmEmergency confirm, WorkflowContext context, DateTimeOffset now)
    {
        if (state.Urgency != Urgency.PossibleEmergency)
        {
            return Decision.Reject($"Only a possible emergency is confirmed; this case is {state.Urgency}.");
        }

        // Fast-tracked like any emergency: to the responsible department, or kept by the dispatch centre.
        var route = Router.Route(context.Directory, state.Text, state.Place, state.Category ?? state.CategoryHint, Urgency.Emergency, context.Classifier, context.Policy.ClassifierMinConfidence);
        var confirmed = state with { Urgency = Urgency.Emergency, Category = route.Category ?? state.Category, Overdue = false };
        var note = $"confirmed as an emergency{(confirm.Note is { Length: > 0 } n ? $": {n.Trim()}" : "")}";
        return Move(confirmed, Transitions.ConfirmEmergency, CaseStatus.Dispatched, context, now, confirm.Actor, note, unitId: route.UnitId, timelineEvent: "EmergencyConfirmed");
    }

    private static Decision OnDowngrade(CaseState state, DowngradeUrgency downgrade, WorkflowContext context, DateTimeOffset now)
    {
        if (!state.Urgency.IsUrgent())
        {
            return Decision.Reject("The case is not an emergency; there is nothing to downgrade.");
        }

        if (string.IsNullOrWhiteSpace(downgrade.Reason) || downgrade.Reason.Length > MaxNoteLength)
        {
            return Decision.Reject($"Downgrading needs a reason of at most {MaxNoteLength} characters.");
        }

        // Routed as the ordinary case it is: a unit by category and place, or the dispatch centre's triage.
        var route = Router.Route(context.Directory, state.Text, state.Place, state.CategoryHint, Urgency.Normal, context.Classifier, context.Policy.ClassifierMinConfidence);
        var ordinary = state with { Urgency = Urgency.Normal, Category = route.Category, Village = route.Village ?? state.Village, Overdue = false };
        var note = $"downgraded to ordinary: {downgrade.Reason.Trim()}; {route.Reason}";
        return route.Triage
            ? Move(ordinary, Transitions.DowngradeToTriage, CaseStatus.Triage, context, now, downgrade.Actor, note, unitId: route.UnitId, timelineEvent: "Downgraded")
            : Move(ordinary, Transitions.Downgrade, CaseStatus.Dispatched, context, now, downgrade.Actor, note, unitId: route.UnitId, timelineEvent: "Downgraded");
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
        // A resident who supported the case by 附议 and now reports it is one person: from supporter to reporter.
        var supporters = report.AlreadySupported ? Math.Max(0, state.Supporters - 1) : state.Supporters;
        var next = Advance(state, now) with { ReporterCount = count, Supporters = supporters, HighPriority = state.HighPriority || raised };
        List<CaseEffect> effects = [Notice(Audience.Reporter, "case-joined", next, ("reporterKey", report.ReporterKey))];
        if (raised)
        {
            effects.Add(Notice(Audience.Unit, "case-priority-raised", next, ("reporters", count.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        if (ReferOnSupport(next, context, now, $"co-report via {report.Channel}; {count} reporters") is { } referred)
        {
            return referred with { Effects = [.. effects, .. referred.Effects] };
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

        // A co-reporter who had supported the case by 附议 goes back to being a supporter: their 附议 was for this case.
        var next = Advance(state, now) with { ReporterCount = state.ReporterCount - 1, Supporters = state.Supporters + (split.WasSupporter ? 1 : 0) };
        return new Decision
        {
            NewState = next,
            Timeline = new(next.Version, now, "Split", next.Status, next.UnitId, split.Actor.UserId, "a co-report was not the same matter", Public: false),
        };
    }

    private static Decision OnRate(CaseState state, Rate rate, WorkflowContext context, DateTimeOffset now)
    {
        var rated = state with { Satisfaction = rate.Score };
        if (rate.Score == Satisfaction.Dissatisfied && state.ResidentReopens < context.Policy.MaxReopensOnDissatisfaction
            && Transitions.Allows(state.Status, Transitions.RateDissatisfied, CaseStatus.Dispatched))
        {
            var reopened = rated with { ReopenCount = state.ReopenCount + 1, ResidentReopens = state.ResidentReopens + 1, Reply = null, DeclineReason = null, RespondedAt = null };
            return Move(reopened, Transitions.RateDissatisfied, CaseStatus.Dispatched, context, now, null, "居民不满意，重新办理", timelineEvent: "Reopened");
        }

        if (!Transitions.Allows(state.Status, Transitions.Rate, state.Status))
        {
            return NotAllowed(state, Transitions.Rate);
        }

        // Recording a rating changes no deadline: the phase stays.
        var next = Advance(rated, now);
        if (rate.Score != Satisfaction.Dissatisfied)
        {
            return new Decision
            {
                NewState = next,
                Timeline = new(next.Version, now, "Rated", next.Status, next.UnitId, null, rate.Score.ToString(), Public: true),
            };
        }

        // 不满意 once the resident's reopenings are used up: the dispatch centre reviews the case (and may reopen it itself).
        var centre = context.Directory.DispatchCentre;
        return new Decision
        {
            NewState = next,
            Timeline = new(next.Version, now, "Rated", next.Status, next.UnitId, null, $"{rate.Score}: {next.ResidentReopens} reopening(s) by the resident already; for the dispatch centre's review", Public: true),
            Effects = [new Notify(Audience.Unit, "dissatisfied-review", centre, NoticeData(next, ("unitId", centre), ("handledBy", next.UnitId ?? ""), ("reopens", next.ResidentReopens.ToString(System.Globalization.CultureInfo.InvariantCulture))))],
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
                ? Move(state with { Decision = decision with { ResultPublishedAt = now } }, Transitions.Publish, CaseStatus.PublicReview, context, now, null, null, timelineEvent: "ResultPublished")
                : Move(state, Transitions.Publish, CaseStatus.PublicReview, context, now, null, null, timelineEvent: "Published"),
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
        next = Enter(next, trigger, context, now, effects, newAssignment: to == CaseStatus.Dispatched || unitChanged);
        var entry = new TimelineEntry(next.Version, now, timelineEvent ?? EventName(to, trigger), to, next.UnitId, actor?.UserId, note, IsPublic(trigger));
        return new Decision { NewState = next, Timeline = entry, Effects = effects };
    }

    /// <summary>Deadlines and notices on entering a status. Every non-final status sets a deadline here.</summary>
    private static CaseState Enter(CaseState state, string trigger, WorkflowContext context, DateTimeOffset now, List<CaseEffect> effects, bool newAssignment)
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
                var ackSpec = AcknowledgeSpec(state, policy);
                var respondSpec = RespondSpec(state, context);
                var respondBy = respondSpec.DueFrom(now, calendar);

                // A short wall-clock response deadline (24 h utility) can fall before a unit closed for the
                // weekend would even have to acknowledge: then the case moves on when the response is due.
                var ackBy = ackSpec.DueFrom(now, calendar);
                var ackDue = Min(ackBy, respondBy);
                state = state with { DispatchedAt = now, AcknowledgeDueAt = ackDue, RespondDueAt = respondBy };
                state = Deadline(state, DeadlineKind.Acknowledge, ackDue, effects);
                Remind(state, now, ackDue, calendar, policy, effects, wallClock: ackDue < ackBy ? !respondSpec.Working : !ackSpec.Working);
                if (newAssignment)
                {
                    var template = state.Implementation && trigger == Transitions.DecisionAdopted ? "implementation-dispatched" : "case-dispatched";
                    effects.Add(Notice(Audience.Unit, template, state));
                    effects.Add(Notice(Audience.Reporter, template, state));
                    effects.Add(Milestone(state, trigger is Transitions.Reopen or Transitions.RateDissatisfied ? "Reopened" : "Dispatched"));
                }

                if (state.Urgency.IsUrgent() && state.EscalationCount == 0 && state.ReopenCount == 0)
                {
                    effects.Add(Notice(Audience.TownAlert, state.Urgency == Urgency.Emergency ? "emergency" : "possible-emergency", state));
                }

                break;

            case CaseStatus.Acknowledged or CaseStatus.InProgress:
                // Once overdue at the top tier the next look is the re-alert, not the response date already past.
                var respondDue = state.Overdue && state.NextDeadlineAt > now && state.NextDeadlineAt > state.RespondDueAt
                    ? state.NextDeadlineAt.Value
                    : state.RespondDueAt ?? now;
                state = Deadline(state, DeadlineKind.Respond, respondDue, effects);
                var reAlert = respondDue != state.RespondDueAt;
                Remind(state, state.DispatchedAt ?? now, respondDue, calendar, policy, effects, wallClock: reAlert ? !policy.TopTierRealert.Working : !RespondSpec(state, context).Working, notBefore: now);
                break;

            case CaseStatus.Responded or CaseStatus.Declined:
                state = Deadline(state, DeadlineKind.Publish, policy.ReviewBeforePublish.DueFrom(now, calendar), effects);
                effects.Add(Notice(Audience.Reporter, state.Status == CaseStatus.Declined ? "case-declined" : state.Implementation ? "implementation-done" : "case-responded", state));
                effects.Add(Milestone(state, "Responded"));
                break;

            case CaseStatus.PublicReview:
                state = Deadline(state, DeadlineKind.CloseReview, policy.PublicReview.DueFrom(now, calendar), effects);
                effects.Add(Notice(Audience.Reporter, state.Implementation ? "implementation-published" : "public-review-started", state));
                break;

            case CaseStatus.InDeliberation:
                // The public clock: without a meeting, by when one must take the case up; with one, by when its decision is out.
                // A case taken off an agenda waits until the date it had before (or, if that has passed, briefly).
                var agendaDue = trigger switch
                {
                    Transitions.ScheduleMeeting or Transitions.MeetingCancelled when state.AgendaDueAt is { } kept =>
                        kept > now ? kept : policy.DecisionAfterMeeting.DueFrom(now, calendar),
                    _ => policy.Deliberation.DueFrom(now, calendar),
                };
                state = state with { AgendaDueAt = state.AgendaDueAt is { } held && trigger is Transitions.ScheduleMeeting or Transitions.MeetingCancelled ? held : agendaDue };
                var decisionDue = state.Meeting is { } meeting
                    ? policy.DecisionAfterMeeting.DueFrom(meeting.At > now ? meeting.At : now, calendar)
                    : agendaDue;
                state = Deadline(state with { DecisionDueAt = decisionDue }, DeadlineKind.Deliberation, decisionDue, effects);
                if (trigger is Transitions.Refer or Transitions.RouteToDeliberation or Transitions.SupportReached)
                {
                    effects.Add(Notice(Audience.Unit, "case-referred", state));
                    effects.Add(Notice(Audience.Reporter, "case-referred", state));
                }
                else if (trigger == Transitions.ObjectionUpheld)
                {
                    effects.Add(Notice(Audience.Unit, "decision-reopened", state));
                    effects.Add(Milestone(state, "Reopened"));
                }
                else if (trigger is Transitions.MeetingDeferred or Transitions.MeetingCancelled)
                {
                    effects.Add(Notice(Audience.Reporter, trigger == Transitions.MeetingDeferred ? "decision-deferred" : "meeting-cancelled", state));
                }

                break;

            case CaseStatus.DecisionReview:
                state = Deadline(state, DeadlineKind.DecisionReview, state.Decision!.ReviewEndsAt, effects);
                effects.Add(Notice(Audience.Reporter, "decision-published", state));
                effects.Add(Milestone(state, "Decided"));
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

    private static CaseState Advance(CaseState state, DateTimeOffset now) => state with { Version = state.Version + 1, UpdatedAt = now };

    private static Notify Notice(Audience audience, string template, CaseState state, params (string Key, string Value)[] extra) =>
        new(audience, template, state.UnitId, NoticeData(state, extra));

    private static Dictionary<string, string> NoticeData(CaseState state, params (string Key, string Value)[] extra)
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

        return data;
    }

    /// <summary>A milestone for the followers' daily digest (not sent one by one).</summary>
    private static Notify Milestone(CaseState state, string milestone) => Notice(Audience.Followers, "milestone", state, ("milestone", milestone));

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
        Transitions.Refer or Transitions.RouteToDeliberation => "Referred",
        Transitions.RouteToTriage => "Triage",
        Transitions.Progress => "Progress",
        _ => to.ToString(),
    };

    private static bool IsPublic(string trigger) => trigger is not (Transitions.Progress or Transitions.Remind);
}
