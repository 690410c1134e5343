using Deliberation.Domain.Workflow;
using static Deliberation.Domain.Tests.Workflow.Cases;

namespace Deliberation.Domain.Tests.Workflow;

public sealed class RejectionTests
{
    private static void AssertRejected(Decision decision, string mentions)
    {
        Assert.Null(decision.NewState);
        Assert.Null(decision.Timeline);
        Assert.Empty(decision.Effects);
        Assert.NotNull(decision.Rejection);
        Assert.Contains(mentions, decision.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void Respond_Received_IsRejectedNamingTheStatus()
    {
        var received = Received();

        AssertRejected(Apply(received, new Respond("r", Later(received), Officer(Dongzhai), "已处理")), "案件当前为「已受理」");
    }

    [Fact]
    public void Acknowledge_AlreadyAcknowledged_IsRejected()
    {
        var acknowledged = Acknowledged();

        AssertRejected(Apply(acknowledged, Ack(acknowledged)), "案件当前为「已签收」");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Decline_WithoutReason_IsRejected(string reason)
    {
        var working = InProgress();

        AssertRejected(Apply(working, new Decline("d", Later(working), Officer(Dongzhai), reason)), "理由");
    }

    [Fact]
    public void Respond_WithEmptyReply_IsRejected()
    {
        var working = InProgress();

        AssertRejected(Apply(working, new Respond("r", Later(working), Officer(Dongzhai), " ")), "答复");
    }

    [Fact]
    public void Reopen_ClosedCase_IsRejected()
    {
        var closed = Closed();

        AssertRejected(Apply(closed, Reopen(closed)), "案件当前为「已办结」");
    }

    [Fact]
    public void Reopen_WithoutReason_IsRejected()
    {
        var review = PublicReview();

        AssertRejected(Apply(review, new Reopen("o", Later(review), "")), "理由");
    }

    [Fact]
    public void Reassign_UnknownUnit_IsRejected()
    {
        var triage = Triage();

        AssertRejected(Apply(triage, Reassign(triage, "no-such-unit")), "no-such-unit");
    }

    [Fact]
    public void Reassign_ToDispatchCentre_IsRejected()
    {
        var triage = Triage();

        AssertRejected(Apply(triage, Reassign(triage, TestTown.DispatchCentre)), "承办单位");
    }

    [Fact]
    public void Reassign_UnknownCategory_IsRejected()
    {
        var triage = Triage();

        AssertRejected(Apply(triage, new Reassign("r", Later(triage), Dispatcher, Dongzhai, Category: "no-such-category")), "no-such-category");
    }

    [Fact]
    public void ManualEscalate_AtTopTier_IsRejected()
    {
        var top = DispatchedAtTop();

        AssertRejected(Apply(top, new Escalate("e", Later(top), Dispatcher, "请镇领导协调")), "最高层级");
    }

    [Fact]
    public void Refer_DepartmentCaseWithoutVillage_IsRejected()
    {
        var triage = Triage();
        var dispatched = Accept(triage, Reassign(triage, "chengguan"));
        Assert.Null(dispatched.Village);
        var acknowledged = Accept(dispatched, Ack(dispatched));

        AssertRejected(Apply(acknowledged, Refer(acknowledged)), "村");
    }

    [Fact]
    public void Submit_ExistingCase_IsRejected()
    {
        var dispatched = Dispatched();

        AssertRejected(Apply(dispatched, new Submit("again", Later(dispatched), Channel.Sms, RubbishText)), "已存在");
    }

    [Fact]
    public void Start_EmptyText_IsRejected()
    {
        var decision = Submit(text: "  ");

        Assert.Null(decision.NewState);
        Assert.NotNull(decision.Rejection);
    }

    [Fact]
    public void DeliberationDecided_CaseNotInDeliberation_IsRejected()
    {
        var working = InProgress();

        AssertRejected(Apply(working, Decided(working, DeliberationOutcome.Adopted)), "案件当前为「办理中」");
    }
}
