using Deliberation.Domain.Notifications;
using Deliberation.Domain.Routing;

namespace Deliberation.Domain.Workflow;

/// <summary>
/// The case workflow as a pure decider: <c>Decide(state, message, now) → (new state, effects)</c>.
/// No clock, no I/O: the runtime loads the case, calls this, and commits the result with its effects.
/// </summary>
public static partial class CaseWorkflow
{
    /// <summary>How many locations and pictures a case keeps.</summary>
    public const int MaxAttachments = 20;

    /// <summary>The longest reply, reason or note the workflow stores (the case must fit one table row).</summary>
    public const int MaxNoteLength = 4000;

    /// <summary>The longest text of a suggestion (a hotline call, an SMS, a WeChat message); intake keeps no more.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>The longest place a case keeps (an operator's words, a channel's location label).</summary>
    public const int MaxPlaceLength = 200;

    /// <summary>The longest unit or category id a message may name (the directory's are far shorter).</summary>
    public const int MaxIdLength = 64;

    /// <summary>The longest attachment reference (a picture URL, a media id, "lat,lon") and label a case keeps.</summary>
    public const int MaxAttachmentReference = 1024;

    /// <summary>How many departments one whistle may summon: every one is a notice and a report-in timer.</summary>
    public const int MaxSummoned = 20;

    /// <summary>A new case from a resident's submission: stored as received, then routed through the queue.</summary>
    public static Decision Start(string caseId, Submit submit, WorkflowContext context, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caseId);
        if (string.IsNullOrWhiteSpace(submit.Text))
        {
            return Decision.Reject("诉求内容为空。");
        }

        // Intake keeps channels within the bounds; the case must fit its table row whatever sends it.
        if (Oversized(submit) is { } oversized)
        {
            return Decision.Reject(oversized);
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
            Timeline = new(1, now, TimelineEvents.Received, CaseStatus.Received, null, null, $"来自{submit.Channel.Chinese()}", Public: true),
            Effects =
            [
                new SendToSelf(new Route($"route-{state.Phase}", now)),
                new ScheduleDeadline(DeadlineKind.Route, state.Phase, retry),
                .. submit.AcknowledgedInline ? Array.Empty<CaseEffect>() : [new Notify(Audience.Reporter, NotificationTemplates.CaseReceived, null, ReceivedData(state))],
            ],
        };
    }

    public static Decision Decide(CaseState state, CaseMessage message, WorkflowContext context, DateTimeOffset now) =>
        Oversized(message) is { } oversized ? Decision.Reject(oversized) : message switch
        {
            Route route => OnRoute(state, route, context, now),
            Acknowledge ack => Move(state with { AcknowledgedAt = now }, Transitions.Acknowledge, CaseStatus.Acknowledged, context, now, ack.Actor, null),
            ReportProgress p => Move(state, Transitions.Progress, CaseStatus.InProgress, context, now, p.Actor, p.Note),
            Respond r => OnRespond(state, r, context, now),
            Decline d => OnDecline(state, d, context, now),
            Transfer t => Move(state with { Overdue = false }, Transitions.Transfer, CaseStatus.Triage, context, now, t.Actor, t.SuggestedUnit is null ? t.Reason : $"{t.Reason}（建议改派：{t.SuggestedUnit}）", unitId: context.Directory.DispatchCentre),
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
            Submit => Decision.Reject("该案件已存在。"),
            _ => Decision.Reject($"无法处理的消息类型 {message.GetType().Name}。"),
        };

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
            UnitHistory = unitChanged && unit is not null ? WithUnit(state.UnitHistory, unit) : state.UnitHistory,
        };

        var effects = new List<CaseEffect>();
        next = Enter(next, trigger, context, now, effects, newAssignment: to == CaseStatus.Dispatched || unitChanged);
        var entry = new TimelineEntry(next.Version, now, timelineEvent ?? EventName(to, trigger), to, next.UnitId, actor?.UserId, note, IsPublic(trigger));
        return new Decision { NewState = next, Timeline = entry, Effects = effects };
    }

    /// <summary>
    /// The history with <paramref name="unit"/> as its latest entry, each unit once: a case passed back and forth between
    /// two units must not grow its row without end.
    /// </summary>
    private static IReadOnlyList<string> WithUnit(IReadOnlyList<string> history, string unit) =>
        [.. history.Where(u => u != unit), unit];

    /// <summary>Deadlines and notices on entering a status. Every non-final status sets a deadline here.</summary>
    private static CaseState Enter(CaseState state, string trigger, WorkflowContext context, DateTimeOffset now, List<CaseEffect> effects, bool newAssignment)
    {
        var policy = context.Policy;
        var calendar = state.UnitId is null ? context.CalendarOf(context.Directory.DispatchCentre) : context.CalendarOf(state.UnitId);
        switch (state.Status)
        {
            case CaseStatus.Triage:
                state = Deadline(state, DeadlineKind.Triage, policy.Triage.DueFrom(now, calendar), effects);
                effects.Add(Notice(Audience.Unit, NotificationTemplates.CaseTriage, state));
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
                state = state with { DispatchedAt = now, AcknowledgeDueAt = ackDue, AcknowledgedAt = null, RespondDueAt = respondBy };
                state = Deadline(state, DeadlineKind.Acknowledge, ackDue, effects);
                Remind(state, now, ackDue, calendar, policy, effects, wallClock: ackDue < ackBy ? !respondSpec.Working : !ackSpec.Working);
                if (newAssignment)
                {
                    var template = state.Implementation && trigger == Transitions.DecisionAdopted ? NotificationTemplates.ImplementationDispatched : NotificationTemplates.CaseDispatched;
                    effects.Add(Notice(Audience.Unit, template, state));
                    effects.Add(Notice(Audience.Reporter, template, state));
                    effects.Add(Milestone(state, trigger is Transitions.Reopen or Transitions.RateDissatisfied ? Milestones.Reopened : Milestones.Dispatched));
                }

                if (state.Urgency.IsUrgent() && state.EscalationCount == 0 && state.ReopenCount == 0)
                {
                    effects.Add(Notice(Audience.TownAlert, state.Urgency == Urgency.Emergency ? NotificationTemplates.Emergency : NotificationTemplates.PossibleEmergency, state));
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
                effects.Add(Notice(Audience.Reporter, state.Status == CaseStatus.Declined ? NotificationTemplates.CaseDeclined : state.Implementation ? NotificationTemplates.ImplementationDone : NotificationTemplates.CaseResponded, state));
                effects.Add(Milestone(state, Milestones.Responded));
                break;

            case CaseStatus.PublicReview:
                state = Deadline(state, DeadlineKind.CloseReview, policy.PublicReview.DueFrom(now, calendar), effects);
                effects.Add(Notice(Audience.Reporter, state.Implementation ? NotificationTemplates.ImplementationPublished : NotificationTemplates.PublicReviewStarted, state));
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
                    effects.Add(Notice(Audience.Unit, NotificationTemplates.CaseReferred, state));
                    effects.Add(Notice(Audience.Reporter, NotificationTemplates.CaseReferred, state));
                }
                else if (trigger == Transitions.ObjectionUpheld)
                {
                    effects.Add(Notice(Audience.Unit, NotificationTemplates.DecisionReopened, state));
                    effects.Add(Milestone(state, Milestones.Reopened));
                }
                else if (trigger is Transitions.MeetingDeferred or Transitions.MeetingCancelled)
                {
                    effects.Add(Notice(Audience.Reporter, trigger == Transitions.MeetingDeferred ? NotificationTemplates.DecisionDeferred : NotificationTemplates.MeetingCancelled, state));
                }

                break;

            case CaseStatus.DecisionReview:
                state = Deadline(state, DeadlineKind.DecisionReview, state.Decision!.ReviewEndsAt, effects);
                effects.Add(Notice(Audience.Reporter, NotificationTemplates.DecisionPublished, state));
                effects.Add(Milestone(state, Milestones.Decided));
                break;

            case CaseStatus.Closed:
                state = state with { NextDeadlineAt = null, NextDeadlineKind = null };
                effects.Add(Notice(Audience.Reporter, NotificationTemplates.CaseClosed, state));
                break;

            default:
                throw new InvalidOperationException($"No entry rule for {state.Status}.");
        }

        return state;
    }

    private static Decision? Allowed(CaseState state, string trigger, CaseStatus to) =>
        Transitions.Allows(state.Status, trigger, to) ? null : NotAllowed(state, trigger);

    private static Decision NotAllowed(CaseState state, string trigger)
    {
        var allowed = string.Join("、", Transitions.SourcesOf(trigger).Select(s => s.Chinese()));
        return Decision.Reject($"案件当前为「{state.Status.Chinese()}」，不能进行此操作（可进行的状态：{allowed}）。");
    }

    private static Decision WithNotices(Decision decision, Func<CaseState, IEnumerable<CaseEffect>> extra) =>
        decision.NewState is null ? decision : decision with { Effects = [.. decision.Effects, .. extra(decision.NewState)] };

    private static CaseState Advance(CaseState state, DateTimeOffset now) => state with { Version = state.Version + 1, UpdatedAt = now };

    /// <summary>
    /// A decision that keeps the status (a rating, a 附议, a reminder, 督办…): <paramref name="changed"/> one version on,
    /// one timeline entry, and the effects made from the new state. No entry rule runs: deadlines are the caller's.
    /// </summary>
    private static Decision Keep(
        CaseState changed,
        DateTimeOffset now,
        string timelineEvent,
        string? note,
        bool isPublic,
        string? actorId = null,
        Func<CaseState, IEnumerable<CaseEffect>>? effects = null,
        string? timelineUnitId = null)
    {
        var next = Advance(changed, now);
        return new Decision
        {
            NewState = next,
            Timeline = new(next.Version, now, timelineEvent, next.Status, timelineUnitId ?? next.UnitId, actorId, note, isPublic),
            Effects = effects is null ? [] : [.. effects(next)],
        };
    }

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
    private static Notify Milestone(CaseState state, string milestone) => Notice(Audience.Followers, NotificationTemplates.Milestone, state, ("milestone", milestone));

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

    private static string EventName(CaseStatus to, string trigger) => trigger switch
    {
        Transitions.Transfer => TimelineEvents.Transferred,
        Transitions.Reassign => TimelineEvents.Reassigned,
        Transitions.Reopen => TimelineEvents.Reopened,
        Transitions.Refer or Transitions.RouteToDeliberation => TimelineEvents.Referred,
        Transitions.RouteToTriage => TimelineEvents.Triage,
        Transitions.Progress => TimelineEvents.Progress,
        _ => to.ToString(),
    };

    private static bool IsPublic(string trigger) => trigger is not (Transitions.Progress or Transitions.Remind);

    private static string Shanghai(DateTimeOffset? at) =>
        at is { } value ? value.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
