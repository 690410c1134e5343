using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using static Deliberation.Domain.Tests.Workflow.Cases;

namespace Deliberation.Domain.Tests.Workflow;

public sealed class TransitionTests
{
    /// <summary>The timeline event each trigger writes, so a deadline wired to the wrong branch shows up.</summary>
    private static readonly Dictionary<string, string> EventOf = new()
    {
        [Transitions.Route] = TimelineEvents.Dispatched,
        [Transitions.RouteToTriage] = TimelineEvents.Triage,
        [Transitions.RouteRetry] = TimelineEvents.RouteRetried,
        [Transitions.Reassign] = TimelineEvents.Reassigned,
        [Transitions.TriageOverdue] = TimelineEvents.OverdueAlert,
        [Transitions.Acknowledge] = TimelineEvents.Acknowledged,
        [Transitions.Progress] = TimelineEvents.Progress,
        [Transitions.Respond] = TimelineEvents.Responded,
        [Transitions.Decline] = TimelineEvents.Declined,
        [Transitions.Transfer] = TimelineEvents.Transferred,
        [Transitions.Escalate] = TimelineEvents.Escalated,
        [Transitions.Remind] = TimelineEvents.Reminded,
        [Transitions.AcknowledgeOverdue] = TimelineEvents.Escalated,
        [Transitions.RespondOverdue] = TimelineEvents.Escalated,
        [Transitions.OverdueAtTop] = TimelineEvents.OverdueAlert,
        [Transitions.Refer] = TimelineEvents.Referred,
        [Transitions.MeetingDecided] = TimelineEvents.DecisionPublished,
        [Transitions.RouteToDeliberation] = TimelineEvents.Referred,
        [Transitions.SupportReached] = TimelineEvents.Referred,
        [Transitions.Support] = TimelineEvents.Supported,
        [Transitions.ScheduleMeeting] = TimelineEvents.OnAgenda,
        [Transitions.MeetingCancelled] = TimelineEvents.OffAgenda,
        [Transitions.Objection] = TimelineEvents.Objection,
        [Transitions.ObjectionUpheld] = TimelineEvents.Reopened,
        [Transitions.DecisionAdopted] = TimelineEvents.ImplementationDispatched,
        [Transitions.DecisionRejected] = TimelineEvents.DecisionStands,
        [Transitions.Supervise] = TimelineEvents.Supervised,
        [Transitions.Whistle] = TimelineEvents.Whistle,
        [Transitions.WhistleNewLead] = TimelineEvents.Whistle,
        [Transitions.ReportIn] = TimelineEvents.ReportedIn,
        [Transitions.ReportInMissed] = TimelineEvents.ReportInMissed,
        [Transitions.MeetingDeferred] = TimelineEvents.Deferred,
        [Transitions.NoMeeting] = TimelineEvents.Escalated,
        [Transitions.Publish] = TimelineEvents.Published,
        [Transitions.ReviewEnds] = TimelineEvents.Closed,
        [Transitions.Reopen] = TimelineEvents.Reopened,
        [Transitions.Rate] = TimelineEvents.Rated,
        [Transitions.RateDissatisfied] = TimelineEvents.Reopened,
        [Transitions.CoReport] = TimelineEvents.CoReported,
        [Transitions.Split] = TimelineEvents.Split,
        [Transitions.Attach] = TimelineEvents.AttachmentAdded,
        [Transitions.ConfirmEmergency] = TimelineEvents.EmergencyConfirmed,
        [Transitions.Downgrade] = TimelineEvents.Downgraded,
        [Transitions.DowngradeToTriage] = TimelineEvents.Downgraded,
    };

    public static TheoryData<CaseStatus, string, CaseStatus> AllTransitions()
    {
        var data = new TheoryData<CaseStatus, string, CaseStatus>();
        foreach (var t in Transitions.All)
        {
            data.Add(t.From, t.Trigger, t.To);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllTransitions))]
    public void EveryTransition_TriggerSentInSourceStatus_MovesToTargetWithTimelineEntry(CaseStatus from, string trigger, CaseStatus to)
    {
        var state = Lifecycle.StateFor(new Transition(from, trigger, to));
        Assert.Equal(from, state.Status);

        var decision = Apply(state, Lifecycle.MessageFor(trigger, state));

        Assert.Null(decision.Rejection);
        Assert.Null(decision.Ignored);
        Assert.NotNull(decision.NewState);
        Assert.Equal(to, decision.NewState.Status);
        Assert.Equal(state.Version + 1, decision.NewState.Version);
        Assert.NotNull(decision.Timeline);
        Assert.Equal(decision.NewState.Version, decision.Timeline.Version);
        Assert.Equal(to, decision.Timeline.Status);
        Assert.Equal(EventOf[trigger], decision.Timeline.Event);
    }

    [Fact]
    public void TransitionTable_EveryTrigger_HasAnExpectedTimelineEvent()
    {
        var missing = Transitions.All.Select(t => t.Trigger).Distinct().Where(t => !EventOf.ContainsKey(t)).ToList();

        Assert.True(missing.Count == 0, $"No expected timeline event for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Transfer_FromServicePoint_GoesToTriageAtDispatchCentre()
    {
        var dispatched = Dispatched();

        var decision = Apply(dispatched, Transfer(dispatched));

        var state = decision.NewState!;
        Assert.Equal(CaseStatus.Triage, state.Status);
        Assert.Equal(TestTown.DispatchCentre, state.UnitId);
        Assert.Equal(DeadlineKind.Triage, state.NextDeadlineKind);
        Assert.Equal([Dongzhai, TestTown.DispatchCentre], state.UnitHistory);
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.Unit, Template: NotificationTemplates.CaseTriage, UnitId: TestTown.DispatchCentre });
    }

    [Fact]
    public void Reassign_FromTriage_DispatchesToNewUnitAndRecordsItInHistory()
    {
        var triage = Triage();
        Assert.Equal([TestTown.DispatchCentre], triage.UnitHistory);

        var decision = Apply(triage, new Reassign("reassign-1", Later(triage), Dispatcher, "sp-hetang-nanzhai", Category: "environment"));

        var state = decision.NewState!;
        Assert.Equal(CaseStatus.Dispatched, state.Status);
        Assert.Equal("sp-hetang-nanzhai", state.UnitId);
        Assert.Equal(Domain.Directory.Tier.ServicePoint, state.Tier);
        Assert.Equal("v-hetang", state.Village);
        Assert.Equal("environment", state.Category);
        Assert.Equal([TestTown.DispatchCentre, "sp-hetang-nanzhai"], state.UnitHistory);
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.Unit, Template: NotificationTemplates.CaseDispatched, UnitId: "sp-hetang-nanzhai" });
        Assert.Equal(Dispatcher.UserId, decision.Timeline!.ActorId);
    }

    [Fact]
    public void Refer_CommitteeCase_GoesToItsDeliberationMeeting()
    {
        var state = InDeliberation();

        Assert.Equal(CaseStatus.InDeliberation, state.Status);
        Assert.Equal(Village, state.Committee);
        Assert.Equal(Village, state.UnitId);
        Assert.Equal(DeadlineKind.Deliberation, state.NextDeadlineKind);
    }

    [Fact]
    public void Refer_ServicePointCase_GoesToTheCommitteeOfItsVillage()
    {
        var working = Acknowledged();

        var state = Apply(working, Refer(working)).NewState!;

        Assert.Equal(CaseStatus.InDeliberation, state.Status);
        Assert.Equal(Village, state.Committee);
        Assert.Equal(Village, state.UnitId);
    }

    [Fact]
    public void DeliberationDecided_Adopted_PublishesTheDecisionForReview()
    {
        var deliberating = OnAgenda();

        var decision = Apply(deliberating, Decided(deliberating, DeliberationOutcome.Adopted));

        var state = decision.NewState!;
        Assert.Equal(CaseStatus.DecisionReview, state.Status);
        Assert.Equal("议事会通过：在张泾路划定停车位", state.Reply);
        Assert.Equal(Later(deliberating), state.RespondedAt);
        Assert.Equal(DeadlineKind.DecisionReview, state.NextDeadlineKind);
        Assert.Equal(Later(deliberating).AddDays(7), state.Decision!.ReviewEndsAt);
        Assert.Equal(state.Decision.ReviewEndsAt, state.NextDeadlineAt);
        Assert.Equal(Village, state.Decision.ResponsibleUnit);
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.Reporter, Template: NotificationTemplates.DecisionPublished });
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.Followers, Template: NotificationTemplates.Milestone } n && n.Data["milestone"] == Milestones.Decided);
        Assert.True(decision.Timeline!.Public);
    }

    [Fact]
    public void DeliberationDecided_Rejected_PublishesTheRefusalForReview()
    {
        var deliberating = OnAgenda();

        var state = Apply(deliberating, Decided(deliberating, DeliberationOutcome.Rejected)).NewState!;

        Assert.Equal(CaseStatus.DecisionReview, state.Status);
        Assert.StartsWith("议事会未通过", state.Reply, StringComparison.Ordinal);
        Assert.Null(state.Decision!.ResponsibleUnit);
    }

    [Fact]
    public void DeliberationDecided_Deferred_StaysInDeliberationWithNewPhaseAndDeadline()
    {
        var deliberating = OnAgenda();
        var at = Later(deliberating);

        var decision = Apply(deliberating, Decided(deliberating, DeliberationOutcome.Deferred));

        var state = decision.NewState!;
        Assert.Equal(CaseStatus.InDeliberation, state.Status);
        Assert.Equal(deliberating.Phase + 1, state.Phase);
        Assert.Null(state.Reply);
        var due = TestTown.Context.Policy.Deliberation.DueFrom(at, TestTown.CalendarOf(Village));
        Assert.Equal(due, state.NextDeadlineAt);
        Assert.Contains(new ScheduleDeadline(DeadlineKind.Deliberation, state.Phase, due), decision.Effects);
        Assert.True(Apply(state, Due(deliberating)).Ignored is not null, "the deadline of the meeting before the deferral must be void");
    }

    [Fact]
    public void NoMeetingDeadline_InDeliberation_EscalatesToTheCategoryDepartment()
    {
        var deliberating = InDeliberation();

        var decision = Apply(deliberating, Due(deliberating));

        var state = decision.NewState!;
        Assert.Equal(CaseStatus.Dispatched, state.Status);
        Assert.Equal("paichusuo", state.UnitId); // parking's department
        Assert.Equal(1, state.EscalationCount);
        Assert.True(state.Overdue);
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.Followers });
    }

    [Fact]
    public void Reopen_FromPublicReview_DispatchesToTheSameUnitAgain()
    {
        var review = PublicReview();

        var decision = Apply(review, Reopen(review));

        var state = decision.NewState!;
        Assert.Equal(CaseStatus.Dispatched, state.Status);
        Assert.Equal(Dongzhai, state.UnitId);
        Assert.Equal(1, state.ReopenCount);
        Assert.Null(state.Reply);
        Assert.Null(state.RespondedAt);
        Assert.Equal([Dongzhai], state.UnitHistory);
        Assert.Equal(DeadlineKind.Acknowledge, state.NextDeadlineKind);
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.Unit, Template: NotificationTemplates.CaseDispatched, UnitId: Dongzhai });
    }

    [Fact]
    public void Start_Submission_IsReceivedAndRoutedThroughTheQueue()
    {
        var decision = Submit();

        var state = decision.NewState!;
        Assert.Equal(CaseStatus.Received, state.Status);
        Assert.Equal((1, 1), (state.Version, state.Phase));
        Assert.Equal(RubbishText, state.Text);
        Assert.Equal(RequestType.Suggestion, state.RequestType);
        Assert.Contains(decision.Effects, e => e is SendToSelf { Message: Route });
        Assert.Contains(new ScheduleDeadline(DeadlineKind.Route, 1, Tuesday.AddMinutes(10)), decision.Effects);
        Assert.Equal(TimelineEvents.Received, decision.Timeline!.Event);
    }

    [Fact]
    public void Route_RubbishAtDongzhai_DispatchesToTheServicePoint()
    {
        var decision = RouteDecision(Received());

        var state = decision.NewState!;
        Assert.Equal(CaseStatus.Dispatched, state.Status);
        Assert.Equal(Dongzhai, state.UnitId);
        Assert.Equal("environment", state.Category);
        Assert.Equal(Village, state.Village);
        Assert.Equal([Dongzhai], state.UnitHistory);
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.Reporter, Template: NotificationTemplates.CaseDispatched });
    }

    [Fact]
    public void Route_AlreadyRouted_IsIgnored()
    {
        var dispatched = Dispatched();

        var decision = Apply(dispatched, new Route("route-1", Later(dispatched)));

        Assert.Null(decision.NewState);
        Assert.NotNull(decision.Ignored);
        Assert.Empty(decision.Effects);
    }

    [Fact]
    public void ReviewEnds_PublicReview_ClosesWithoutDeadline()
    {
        var review = PublicReview();
        var due = Due(review);

        var decision = Apply(review, due);

        var state = decision.NewState!;
        Assert.Equal(CaseStatus.Closed, state.Status);
        Assert.True(state.IsFinal);
        Assert.Equal(due.OccurredAt, state.ClosedAt);
        Assert.Null(state.NextDeadlineAt);
        Assert.Null(state.NextDeadlineKind);
        Assert.DoesNotContain(decision.Effects, e => e is ScheduleDeadline);
    }
}
