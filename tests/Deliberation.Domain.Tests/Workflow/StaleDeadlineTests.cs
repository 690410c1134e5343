using Deliberation.Domain.Workflow;
using static Deliberation.Domain.Tests.Workflow.Cases;

namespace Deliberation.Domain.Tests.Workflow;

/// <summary>STYLE 3: "message or timer, the loser is void".</summary>
public sealed class StaleDeadlineTests
{
    [Fact]
    public void AcknowledgeDeadline_ArrivingAfterTheCaseWasAcknowledged_IsIgnored()
    {
        var dispatched = Dispatched();
        var acknowledged = Accept(dispatched, Ack(dispatched));

        var decision = Apply(acknowledged, Due(dispatched));

        Assert.Null(decision.NewState);
        Assert.Null(decision.Timeline);
        Assert.Empty(decision.Effects);
        Assert.Null(decision.Rejection);
        Assert.Contains($"phase {dispatched.Phase}", decision.Ignored, StringComparison.Ordinal);
    }

    [Fact]
    public void RouteDeadline_ArrivingAfterTheCaseWasRouted_IsIgnored()
    {
        var received = Received();
        var dispatched = Accept(received, new Route("route-1", Tuesday));

        var decision = Apply(dispatched, Due(received));

        Assert.Null(decision.NewState);
        Assert.Empty(decision.Effects);
        Assert.NotNull(decision.Ignored);
    }

    [Fact]
    public void AcknowledgeDeadline_OfTheUnitBeforeAnEscalation_IsIgnored()
    {
        var atServicePoint = Dispatched();
        var atCommittee = Accept(atServicePoint, Due(atServicePoint));
        Assert.Equal(CaseStatus.Dispatched, atCommittee.Status);

        var decision = Apply(atCommittee, Due(atServicePoint, DeadlineKind.Acknowledge, atServicePoint.Phase, atCommittee.UpdatedAt.AddHours(1)));

        Assert.Null(decision.NewState);
        Assert.Empty(decision.Effects);
        Assert.NotNull(decision.Ignored);
    }

    [Fact]
    public void RemindDeadline_OfAnEarlierPhase_IsIgnored()
    {
        var dispatched = Dispatched();
        var acknowledged = Accept(dispatched, Ack(dispatched));

        var decision = Apply(acknowledged, Due(dispatched, DeadlineKind.Remind));

        Assert.Null(decision.NewState);
        Assert.Empty(decision.Effects);
        Assert.NotNull(decision.Ignored);
    }

    [Theory]
    [InlineData(DeadlineKind.Route)]
    [InlineData(DeadlineKind.Triage)]
    [InlineData(DeadlineKind.Respond)]
    [InlineData(DeadlineKind.Publish)]
    [InlineData(DeadlineKind.CloseReview)]
    [InlineData(DeadlineKind.Deliberation)]
    public void Dispatched_DeadlineOfRightPhaseButWrongKind_IsIgnored(DeadlineKind kind)
    {
        var dispatched = Dispatched();

        var decision = Apply(dispatched, Due(dispatched, kind));

        Assert.Null(decision.NewState);
        Assert.Empty(decision.Effects);
        Assert.Null(decision.Rejection);
        Assert.Contains("does not apply", decision.Ignored, StringComparison.Ordinal);
    }

    [Fact]
    public void Responded_AcknowledgeDeadlineOfCurrentPhase_IsIgnored()
    {
        var responded = Responded();

        var decision = Apply(responded, Due(responded, DeadlineKind.Acknowledge));

        Assert.Null(decision.NewState);
        Assert.Empty(decision.Effects);
        Assert.NotNull(decision.Ignored);
    }
}
