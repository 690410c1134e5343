using Deliberation.Domain.Directory;
using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using static Deliberation.Domain.Tests.Calendars.TestCalendars;
using static Deliberation.Domain.Tests.Workflow.Cases;

namespace Deliberation.Domain.Tests.Workflow;

/// <summary>Emergencies and possible emergencies through the decider: where they go, how fast, who is alerted, who settles them.</summary>
public sealed class EmergencyWorkflowTests
{
    [Theory]
    [InlineData("楼道里有很浓的煤气味，担心会爆炸")]
    [InlineData("燃气泄漏，我很担心")]
    [InlineData("着火了！去年也着过一次")]
    public void HotlineWithoutCategory_TheIssuesTexts_FastTrackedWithAnAlertAndFifteenMinutesToAcknowledge(string text)
    {
        var decision = RouteDecision(Received(text, place: null));

        var state = decision.NewState!;
        Assert.Equal(Urgency.Emergency, state.Urgency);
        // Straight to the town: the responsible department (gas: 规划建设办), or the dispatch centre; not the village committee.
        Assert.True(state.Tier is Tier.Department or Tier.Town, $"{state.UnitId} at {state.Tier}");
        Assert.Equal(Tuesday.AddMinutes(15), state.AcknowledgeDueAt);
        Assert.Equal(Tuesday.AddHours(2), state.RespondDueAt);
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.TownAlert, Template: NotificationTemplates.Emergency });
    }

    [Fact]
    public void Submit_EmergencyText_TheReceiptTellsTheResidentToCall119First()
    {
        var decision = Submit("燃气泄漏，我很担心", place: null);

        Assert.Equal(Urgency.Emergency, decision.NewState!.Urgency);
        var receipt = Assert.Single(decision.Effects.OfType<Notify>(), n => n.Template == NotificationTemplates.CaseReceived);
        var text = NotificationText.Render(receipt.Template, receipt.Data, decision.NewState, TestTown.Directory, Shanghai).Text;
        Assert.Contains("119", text, StringComparison.Ordinal);
        Assert.Contains("120", text, StringComparison.Ordinal);
        Assert.Contains("编号case-1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_OrdinaryText_TheReceiptHasNoEmergencyAdvice()
    {
        var decision = Submit();

        var receipt = Assert.Single(decision.Effects.OfType<Notify>(), n => n.Template == NotificationTemplates.CaseReceived);
        Assert.DoesNotContain("119", NotificationText.Render(receipt.Template, receipt.Data, decision.NewState, TestTown.Directory, Shanghai).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void PossibleEmergency_Route_GoesToTheDispatchCentreOnTheEmergencyClockWithAnAlertSayingSo()
    {
        var decision = RouteDecision(Received(Lifecycle.PossibleEmergencyText, place: null));

        var state = decision.NewState!;
        Assert.Equal((Urgency.PossibleEmergency, CaseStatus.Dispatched, TestTown.DispatchCentre), (state.Urgency, state.Status, state.UnitId));
        Assert.Equal(Tuesday.AddMinutes(15), state.AcknowledgeDueAt);
        Assert.Equal(Tuesday.AddHours(2), state.RespondDueAt);
        var alert = Assert.Single(decision.Effects.OfType<Notify>(), n => n.Audience == Audience.TownAlert);
        Assert.Equal(NotificationTemplates.PossibleEmergency, alert.Template);
        Assert.Contains("疑似紧急", NotificationText.Render(alert.Template, alert.Data, state, TestTown.Directory, Shanghai).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void PossibleEmergency_DispatcherConfirms_BecomesAnEmergencyWithTheEmergencyAlert()
    {
        var possible = Accept(Received(Lifecycle.PossibleEmergencyText, place: null), new Route("route-1", Tuesday));

        var decision = Apply(possible, new ConfirmEmergency("confirm-1", Later(possible), Dispatcher));

        Assert.Equal(Urgency.Emergency, decision.NewState!.Urgency);
        Assert.Equal(TimelineEvents.EmergencyConfirmed, decision.Timeline!.Event);
        Assert.Equal(Dispatcher.UserId, decision.Timeline.ActorId);
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.TownAlert, Template: NotificationTemplates.Emergency });
        Assert.NotNull(Apply(decision.NewState, new ConfirmEmergency("confirm-2", Later(decision.NewState), Dispatcher)).Rejection);
    }

    [Fact]
    public void PossibleEmergency_DispatcherDowngrades_RoutedToTheServicePointWithOrdinaryDeadlines()
    {
        var possible = Accept(Received(Lifecycle.PossibleSmokeText, RubbishPlace), new Route("route-1", Tuesday));
        Assert.Equal(TestTown.DispatchCentre, possible.UnitId);

        var decision = Apply(possible, new DowngradeUrgency("downgrade-1", Later(possible), Dispatcher, "垃圾桶旁烧纸，已熄灭"));

        var state = decision.NewState!;
        Assert.Equal((Urgency.Normal, CaseStatus.Dispatched, Dongzhai), (state.Urgency, state.Status, state.UnitId));
        Assert.Equal(TimelineEvents.Downgraded, decision.Timeline!.Event);
        Assert.True(state.AcknowledgeDueAt > Later(possible).AddHours(1), "two working hours, not fifteen minutes");
        Assert.DoesNotContain(decision.Effects, e => e is Notify { Audience: Audience.TownAlert });
    }

    [Fact]
    public void OrdinaryCase_ConfirmOrDowngrade_IsRefused()
    {
        var dispatched = Dispatched();

        Assert.NotNull(Apply(dispatched, new ConfirmEmergency("confirm-1", Later(dispatched), Dispatcher)).Rejection);
        Assert.NotNull(Apply(dispatched, new DowngradeUrgency("downgrade-1", Later(dispatched), Dispatcher, "无")).Rejection);
    }
}
