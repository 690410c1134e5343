using Deliberation.Domain.Directory;
using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using static Deliberation.Domain.Tests.Workflow.Cases;

namespace Deliberation.Domain.Tests.Workflow;

public sealed class EscalationTests
{
    [Fact]
    public void AcknowledgeDeadlines_UnacknowledgedAtServicePoint_ClimbCommitteeThenDepartmentThenDispatchCentre()
    {
        var state = Dispatched();
        var climbed = new List<(string? Unit, Tier? Tier)>();
        for (var i = 0; i < 3; i++)
        {
            state = Accept(state, Due(state));
            Assert.Equal(CaseStatus.Dispatched, state.Status);
            Assert.Equal(DeadlineKind.Acknowledge, state.NextDeadlineKind);
            climbed.Add((state.UnitId, state.Tier));
        }

        Assert.Equal(
            [(Village, Tier.Village), (EnvironmentDepartment, Tier.Department), (TestTown.DispatchCentre, Tier.Town)],
            climbed);
        Assert.Equal([Dongzhai, Village, EnvironmentDepartment, TestTown.DispatchCentre], state.UnitHistory);
        Assert.Equal(3, state.EscalationCount);
        Assert.True(state.Overdue);
    }

    [Fact]
    public void AcknowledgeDeadline_AtServicePoint_NotifiesRepresentativesAndTheNewUnit()
    {
        var dispatched = Dispatched();

        var decision = Apply(dispatched, Due(dispatched));

        Assert.Equal(TimelineEvents.Escalated, decision.Timeline!.Event);
        var representatives = Assert.Single(decision.Effects.OfType<Notify>(), n => n.Audience == Audience.Followers && n.Template != NotificationTemplates.Milestone);
        Assert.Equal(NotificationTemplates.CaseOverdue, representatives.Template);
        Assert.Equal(Dongzhai, representatives.Data["fromUnit"]);
        Assert.Equal(Village, representatives.Data["village"]);
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.Unit, Template: NotificationTemplates.CaseDispatched, UnitId: Village });
        Assert.DoesNotContain(decision.Effects, e => e is Notify { Audience: Audience.TownAlert });
    }

    [Fact]
    public void AcknowledgeDeadline_AtDispatchCentre_AlertsTownKeepsStatusAndRearms()
    {
        var top = DispatchedAtTop();
        var due = Due(top);

        var decision = Apply(top, due);

        var state = decision.NewState!;
        Assert.Equal(CaseStatus.Dispatched, state.Status);
        Assert.Equal(TestTown.DispatchCentre, state.UnitId);
        Assert.Equal(top.EscalationCount, state.EscalationCount);
        Assert.Equal(top.Phase + 1, state.Phase);
        Assert.True(state.Overdue);
        Assert.Equal(DeadlineKind.Acknowledge, state.NextDeadlineKind);
        Assert.True(state.NextDeadlineAt > due.OccurredAt, "the re-alert must lie ahead");
        Assert.Contains(new ScheduleDeadline(DeadlineKind.Acknowledge, state.Phase, state.NextDeadlineAt!.Value), decision.Effects);
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.TownAlert, Template: NotificationTemplates.CaseOverdueTop });
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.Followers, Template: NotificationTemplates.CaseOverdue });
        Assert.Equal(TimelineEvents.OverdueAlert, decision.Timeline!.Event);
    }

    [Fact]
    public void AcknowledgeDeadline_AtTopRepeatedly_AlertsEveryTimeAndNeverStalls()
    {
        var state = DispatchedAtTop();
        for (var i = 0; i < 3; i++)
        {
            var decision = Apply(state, Due(state));
            Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.TownAlert });
            state = decision.NewState!;
            Assert.Equal(CaseStatus.Dispatched, state.Status);
        }
    }

    [Fact]
    public void RespondDeadline_AcknowledgedAtTop_AlertsTownAndKeepsAcknowledged()
    {
        var top = DispatchedAtTop();
        var acknowledged = Accept(top, Ack(top));
        Assert.Equal(DeadlineKind.Respond, acknowledged.NextDeadlineKind);

        var decision = Apply(acknowledged, Due(acknowledged));

        var state = decision.NewState!;
        Assert.Equal(CaseStatus.Acknowledged, state.Status);
        Assert.Equal(DeadlineKind.Respond, state.NextDeadlineKind);
        Assert.Contains(new ScheduleDeadline(DeadlineKind.Respond, state.Phase, state.NextDeadlineAt!.Value), decision.Effects);
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.TownAlert });
    }

    [Fact]
    public void Progress_AfterOverdueAlertAtTop_WaitsForTheReAlertInsteadOfFiringAtOnce()
    {
        var top = DispatchedAtTop();
        var acknowledged = Accept(top, Ack(top));
        var alerted = Accept(acknowledged, Due(acknowledged));

        var progressed = Accept(alerted, Progress(alerted));

        Assert.Equal(CaseStatus.InProgress, progressed.Status);
        Assert.Equal(alerted.NextDeadlineAt, progressed.NextDeadlineAt);
        Assert.True(progressed.NextDeadlineAt > Later(alerted));
    }

    [Fact]
    public void RespondDeadline_AcknowledgedAtServicePoint_DispatchesToTheCommitteeAsOverdue()
    {
        var acknowledged = Acknowledged();

        var decision = Apply(acknowledged, Due(acknowledged));

        var state = decision.NewState!;
        Assert.Equal(CaseStatus.Dispatched, state.Status);
        Assert.Equal(Village, state.UnitId);
        Assert.True(state.Overdue);
        Assert.Equal(1, state.EscalationCount);
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.Followers });
    }

    [Fact]
    public void ManualEscalate_AtServicePoint_MovesUpWithoutOverdueOrRepresentatives()
    {
        var dispatched = Dispatched();

        var decision = Apply(dispatched, Escalate(dispatched));

        var state = decision.NewState!;
        Assert.Equal(Village, state.UnitId);
        Assert.False(state.Overdue);
        Assert.Equal(1, state.EscalationCount);
        Assert.DoesNotContain(decision.Effects, e => e is Notify { Audience: Audience.Followers, Template: NotificationTemplates.CaseOverdue });
        Assert.Equal(Officer(Dongzhai).UserId, decision.Timeline!.ActorId);
    }

    [Fact]
    public void Respond_AfterOverdueEscalation_ClearsOverdue()
    {
        var escalated = Accept(Dispatched(), Due(Dispatched()));
        var acknowledged = Accept(escalated, Ack(escalated));

        var state = Accept(acknowledged, Respond(acknowledged));

        Assert.False(state.Overdue);
    }
}
