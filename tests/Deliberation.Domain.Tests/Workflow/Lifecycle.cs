using Deliberation.Domain.Workflow;
using static Deliberation.Domain.Tests.Workflow.Cases;

namespace Deliberation.Domain.Tests.Workflow;

/// <summary>One accepted step of the workflow, with the deadlines scheduled for the new state's phase so far.</summary>
/// <remarks>A step without <see cref="Before"/> is the start of a case.</remarks>
internal sealed record Step(CaseState? Before, CaseMessage? Message, Decision Decision, IReadOnlyList<ScheduleDeadline> ScheduledInPhase)
{
    public CaseState After => Decision.NewState!;
}

/// <summary>The transition table turned into messages, and a breadth-first walk over every reachable state.</summary>
internal static class Lifecycle
{
    /// <summary>The message that asks for <paramref name="trigger"/> on a case in <paramref name="state"/>.</summary>
    public static CaseMessage MessageFor(string trigger, CaseState state) => trigger switch
    {
        Transitions.Route or Transitions.RouteToTriage => new Route($"route-{state.Phase}", Later(state)),
        Transitions.RouteRetry => Due(state, DeadlineKind.Route),
        Transitions.Reassign => Reassign(state, state.UnitId == "sp-hetang-nanzhai" ? "sp-zhangjing-beidai" : "sp-hetang-nanzhai"),
        Transitions.TriageOverdue => Due(state, DeadlineKind.Triage),
        Transitions.Acknowledge => Ack(state),
        Transitions.Progress => Progress(state),
        Transitions.Respond => Respond(state),
        Transitions.Decline => Decline(state),
        Transitions.Transfer => Transfer(state),
        Transitions.Escalate => Escalate(state),
        Transitions.Remind => Due(state, DeadlineKind.Remind),
        Transitions.AcknowledgeOverdue => Due(state, DeadlineKind.Acknowledge),
        Transitions.RespondOverdue => Due(state, DeadlineKind.Respond),
        Transitions.OverdueAtTop => Due(state, state.Status == CaseStatus.Dispatched ? DeadlineKind.Acknowledge : DeadlineKind.Respond),
        Transitions.Refer => Refer(state),
        Transitions.RouteToDeliberation => new Route($"route-{state.Phase}", Later(state)),
        Transitions.SupportReached or Transitions.Support => SupportFrom(state, $"resident-{state.Version}"),
        Transitions.ScheduleMeeting => Schedule(state),
        Transitions.MeetingCancelled => new MeetingCancelled($"cancel-{state.Version}", Later(state), state.Meeting?.MeetingId ?? "meeting-1", "主持人因故改期"),
        Transitions.Objection or Transitions.ObjectionUpheld => Objection(state, $"objector-{state.Version}"),
        Transitions.DecisionAdopted or Transitions.DecisionRejected => Due(state, DeadlineKind.DecisionReview),
        Transitions.Supervise => Supervise(state),
        Transitions.Whistle => Whistle(state) with { Lead = state.UnitId! },
        Transitions.WhistleNewLead => Whistle(state) with { Lead = state.UnitId == "chengguan" ? "shirongsuo" : "chengguan" },
        Transitions.ReportIn => ReportIn(state, "paichusuo"),
        Transitions.ReportInMissed => ReportInDue(state),
        // The first decision on a case is adopted; one taken again after a deferral or an upheld objection is rejected,
        // so the walk reaches both ends of the review.
        Transitions.MeetingDecided => Decided(state, state.DeliberationRound == 0 ? DeliberationOutcome.Adopted : DeliberationOutcome.Rejected),
        Transitions.MeetingDeferred => Decided(state, DeliberationOutcome.Deferred),
        Transitions.NoMeeting => Due(state, DeadlineKind.Deliberation),
        Transitions.Publish => Due(state, DeadlineKind.Publish),
        Transitions.ReviewEnds => Due(state, DeadlineKind.CloseReview),
        Transitions.Reopen => Reopen(state),
        Transitions.Rate => new Rate($"rate-{state.Version}", Later(state), Satisfaction.Satisfied),
        Transitions.RateDissatisfied => new Rate($"rate-{state.Version}", Later(state), Satisfaction.Dissatisfied),
        Transitions.CoReport => new CoReport($"co-{state.Version}", Later(state), Channel.Sms, "p-neighbour"),
        Transitions.Split => new SplitReport($"split-{state.Version}", Later(state), Dispatcher, "p-neighbour"),
        Transitions.ConfirmEmergency => new ConfirmEmergency($"confirm-{state.Version}", Later(state), Dispatcher, "邻居确认老人倒地"),
        Transitions.Downgrade or Transitions.DowngradeToTriage => new DowngradeUrgency($"downgrade-{state.Version}", Later(state), Dispatcher, "核实后无危险"),
        Transitions.Attach => new AddAttachment($"attach-{state.Version}", Later(state), AttachmentKind.Location, "31.0853,121.1712", "张泾村东宅"),
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "No message for this trigger: add one to Lifecycle.MessageFor."),
    };

    /// <summary>A case in <see cref="Transition.From"/>, reached along a real path, from which the transition is possible.</summary>
    public static CaseState StateFor(Transition transition)
    {
        var state = BaseStateFor(transition);

        // Only a case that a co-report joined has one to split off.
        return transition.Trigger == Transitions.Split ? Accept(state, MessageFor(Transitions.CoReport, state)) : state;
    }

    private static CaseState BaseStateFor(Transition transition) => (transition.From, transition.Trigger) switch
    {
        (CaseStatus.Received, Transitions.RouteToDeliberation) => Received(SelfGovernanceText, place: null),
        (CaseStatus.Dispatched, Transitions.SupportReached) => OneShortOfAgenda(ParkingDispatched()),
        (CaseStatus.Acknowledged, Transitions.SupportReached) => OneShortOfAgenda(Accept(ParkingDispatched(), Ack(ParkingDispatched()))),
        (CaseStatus.InProgress, Transitions.SupportReached) => OneShortOfAgenda(ParkingInProgress()),
        (CaseStatus.InDeliberation, Transitions.MeetingCancelled or Transitions.MeetingDecided or Transitions.MeetingDeferred) => OnAgenda(),
        (CaseStatus.DecisionReview, Transitions.ObjectionUpheld) => OneObjectionShort(DecisionReview(DeliberationOutcome.Adopted)),
        (CaseStatus.DecisionReview, Transitions.DecisionRejected) => DecisionReview(DeliberationOutcome.Rejected),
        (CaseStatus.DecisionReview, _) => DecisionReview(DeliberationOutcome.Adopted),
        (CaseStatus.Dispatched, Transitions.ReportIn or Transitions.ReportInMissed) => Whistled(),
        (CaseStatus.Acknowledged, Transitions.ReportIn or Transitions.ReportInMissed) => Accept(Whistled(), Ack(Whistled())),
        (CaseStatus.InProgress, Transitions.ReportIn or Transitions.ReportInMissed) => Accept(Accept(Whistled(), Ack(Whistled())), Progress(Accept(Whistled(), Ack(Whistled())))),
        (CaseStatus.Received, Transitions.RouteToTriage) => Received(VagueText, place: null),
        (CaseStatus.Dispatched, Transitions.ConfirmEmergency or Transitions.DowngradeToTriage) => PossibleEmergency(),
        (CaseStatus.Acknowledged, Transitions.ConfirmEmergency or Transitions.DowngradeToTriage) => Accept(PossibleEmergency(), Ack(PossibleEmergency())),
        (CaseStatus.InProgress, Transitions.ConfirmEmergency or Transitions.DowngradeToTriage) => Accept(Accept(PossibleEmergency(), Ack(PossibleEmergency())), Progress(Accept(PossibleEmergency(), Ack(PossibleEmergency())))),
        (CaseStatus.Dispatched, Transitions.Downgrade) => PossibleSmoke(),
        (CaseStatus.Acknowledged, Transitions.Downgrade) => Accept(PossibleSmoke(), Ack(PossibleSmoke())),
        (CaseStatus.InProgress, Transitions.Downgrade) => Accept(Accept(PossibleSmoke(), Ack(PossibleSmoke())), Progress(Accept(PossibleSmoke(), Ack(PossibleSmoke())))),
        (CaseStatus.Received, _) => Received(),
        (CaseStatus.Triage, _) => Triage(),
        (CaseStatus.Dispatched, Transitions.OverdueAtTop) => DispatchedAtTop(),
        (CaseStatus.Dispatched, _) => Dispatched(),
        (CaseStatus.Acknowledged, Transitions.OverdueAtTop) => AcknowledgedAtTop(),
        (CaseStatus.Acknowledged, _) => Acknowledged(),
        (CaseStatus.InProgress, Transitions.OverdueAtTop) => Accept(AcknowledgedAtTop(), Progress(AcknowledgedAtTop())),
        (CaseStatus.InProgress, _) => InProgress(),
        (CaseStatus.InDeliberation, _) => InDeliberation(),
        (CaseStatus.Responded, _) => Responded(),
        (CaseStatus.Declined, _) => Declined(),
        (CaseStatus.PublicReview, _) => PublicReview(),
        _ => throw new ArgumentOutOfRangeException(nameof(transition), transition, "No path to this state: add one to Lifecycle.StateFor."),
    };

    /// <summary>An elderly person living alone who cannot be reached: a possible emergency, no category, at the dispatch centre.</summary>
    public const string PossibleEmergencyText = "楼下独居老人好几天没出门了，敲门没人应";

    /// <summary>Smoke by the bins of 东宅: a possible emergency that, downgraded, is the service point's rubbish case.</summary>
    public const string PossibleSmokeText = "东宅路口的垃圾桶旁边冒烟";

    private static CaseState PossibleEmergency() => Accept(Received(PossibleEmergencyText, place: null), new Route("route-1", Tuesday));

    private static CaseState PossibleSmoke() => Accept(Received(PossibleSmokeText, RubbishPlace), new Route("route-1", Tuesday));

    private static CaseState AcknowledgedAtTop()
    {
        var top = DispatchedAtTop();
        return Accept(top, Ack(top));
    }

    /// <summary>
    /// Every accepted step from every state reachable from the given submissions, trying every transition
    /// of the table whose source is the state's status. States are told apart by what shapes their future
    /// (submission, status, unit, overdue, reopened, urgency), which keeps the walk finite.
    /// </summary>
    public static IReadOnlyList<Step> Explore(params Decision[] starts)
    {
        var steps = new List<Step>();
        var seen = new HashSet<(string, CaseStatus, string?, bool, bool, Urgency, (int, int, int, bool, int, DeliberationOutcome?, bool))>();
        var queue = new Queue<(CaseState State, IReadOnlyList<ScheduleDeadline> Scheduled)>();
        foreach (var start in starts)
        {
            Assert.True(start.Accepted, start.Rejection);
            var step = new Step(null, null, start, ScheduledBy(start));
            steps.Add(step);
            queue.Enqueue((step.After, step.ScheduledInPhase));
        }

        while (queue.TryDequeue(out var item))
        {
            var state = item.State;
            // Deliberation adds what shapes its future: support up to the threshold, objections, the meeting, the
            // decision, whether it is implementation, whether departments were summoned, whether it is supervised.
            // Each only where it matters, or the walk multiplies every later state by them.
            var review = state.Status == CaseStatus.DecisionReview;
            var deliberation = (
                state.Decision is null ? Math.Min(state.Support, 3) : 0,
                review ? state.Decision!.Objections : -1,
                (state.Meeting is not null ? 2 : 0) + (state.Status == CaseStatus.InDeliberation && state.DeliberationRound > 0 ? 1 : 0),
                state.Implementation,
                Math.Min(state.Whistle?.Round ?? 0, 1),
                review ? state.Decision!.Outcome : (DeliberationOutcome?)null,
                state.Supervision is not null);
            if (!seen.Add((state.Text, state.Status, state.UnitId, state.Overdue, state.ReopenCount > 0, state.Urgency, deliberation)))
            {
                continue;
            }

            foreach (var trigger in Transitions.All.Where(t => t.From == state.Status).Select(t => t.Trigger).Distinct())
            {
                var message = MessageFor(trigger, state);
                var decision = Apply(state, message);
                if (!decision.Accepted)
                {
                    continue; // e.g. a manual escalation at the top tier; refusals are tested on their own
                }

                var scheduled = decision.NewState!.Phase == state.Phase
                    ? [.. item.Scheduled, .. ScheduledBy(decision)]
                    : ScheduledBy(decision);
                steps.Add(new Step(state, message, decision, scheduled));
                queue.Enqueue((decision.NewState, scheduled));
            }
        }

        return steps;
    }

    private static readonly Lazy<IReadOnlyList<Step>> DemoTown = new(ExploreDemoTown);

    /// <summary>Every accepted step reachable in the demo town (computed once, shared by the tests).</summary>
    public static IReadOnlyList<Step> DemoTownSteps => DemoTown.Value;

    /// <summary>Submissions that between them route to every kind of unit: service point, triage, emergency, committee, department.</summary>
    private static IReadOnlyList<Step> ExploreDemoTown() => Explore(
        Submit(),
        Submit(VagueText, place: null),
        Submit("东宅有很重的煤气味，怀疑燃气泄漏", place: null),
        Submit(ParkingText, place: null),
        Submit("东宅有人私搭乱建阳光房", place: null),
        Submit(SelfGovernanceText, place: null),
        Submit(PossibleEmergencyText, place: null),
        Submit(PossibleSmokeText, RubbishPlace));

    private static IReadOnlyList<ScheduleDeadline> ScheduledBy(Decision decision) => [.. decision.Effects.OfType<ScheduleDeadline>()];

    /// <summary>The whistle's last report-in timer firing (every department due by then), or a stray one without a whistle.</summary>
    private static DeadlineDue ReportInDue(CaseState state)
    {
        if (state.Whistle?.ReportInTimers().LastOrDefault() is not ({ } phase, var dueAt))
        {
            return Due(state, DeadlineKind.ReportIn, 0, Later(state));
        }

        var at = dueAt > Later(state) ? dueAt : Later(state);
        return new DeadlineDue(DeadlineDue.IdFor(DeadlineKind.ReportIn, phase), at, DeadlineKind.ReportIn, phase, dueAt);
    }
}
