using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using static Deliberation.Domain.Tests.Workflow.Cases;

namespace Deliberation.Domain.Tests.Workflow;

public sealed class RatingTests
{
    [Fact]
    public void Satisfied_DuringPublicReview_IsRecordedAndKeepsTheReviewDeadline()
    {
        var review = PublicReview();

        var rated = Accept(review, new Rate("rate-1", Later(review), Satisfaction.Satisfied));

        Assert.Equal(CaseStatus.PublicReview, rated.Status);
        Assert.Equal(Satisfaction.Satisfied, rated.Satisfaction);
        Assert.Equal(review.Phase, rated.Phase);
        Assert.Equal(review.NextDeadlineAt, rated.NextDeadlineAt);
    }

    [Fact]
    public void Dissatisfied_DuringPublicReview_ReopensToTheSameUnit()
    {
        var review = PublicReview();

        var reopened = Accept(review, new Rate("rate-1", Later(review), Satisfaction.Dissatisfied));

        Assert.Equal(CaseStatus.Dispatched, reopened.Status);
        Assert.Equal(review.UnitId, reopened.UnitId);
        Assert.Equal(1, reopened.ReopenCount);
        Assert.Null(reopened.Reply);
    }

    [Fact]
    public void Dissatisfied_AfterTheReopenLimit_IsOnlyRecorded()
    {
        var context = TestTown.ContextWith(TestTown.File.Policy with { MaxReopensOnDissatisfaction = 0 });
        var review = PublicReview();

        var rated = Accept(review, new Rate("rate-1", Later(review), Satisfaction.Dissatisfied), context);

        Assert.Equal(CaseStatus.PublicReview, rated.Status);
        Assert.Equal(Satisfaction.Dissatisfied, rated.Satisfaction);
    }

    [Fact]
    public void Rating_BeforeAnyReply_IsRefused()
    {
        var dispatched = Dispatched();

        Assert.NotNull(Apply(dispatched, new Rate("rate-1", Later(dispatched), Satisfaction.Satisfied)).Rejection);
    }

    private static readonly WorkflowContext OneResidentReopen = TestTown.ContextWith(TestTown.File.Policy with { MaxReopensOnDissatisfaction = 1 });

    /// <summary>From a reopened case back to public review: acknowledged, answered, published.</summary>
    private static CaseState AnsweredAgain(CaseState reopened)
    {
        var acknowledged = Accept(reopened, Ack(reopened), OneResidentReopen);
        var responded = Accept(acknowledged, Respond(acknowledged), OneResidentReopen);
        var review = Accept(responded, Due(responded), OneResidentReopen);
        Assert.Equal(CaseStatus.PublicReview, review.Status);
        return review;
    }

    [Fact]
    public void Dissatisfied_AfterADispatchersReopen_StillReopensTheCase()
    {
        var review = PublicReview();
        var byStaff = Accept(review, new Reopen("reopen-1", Later(review), "复核发现未办结", Dispatcher), OneResidentReopen);
        Assert.Equal((1, 0, 1), (byStaff.StaffReopens, byStaff.ResidentReopens, byStaff.ReopenCount));
        var again = AnsweredAgain(byStaff);

        var rated = Accept(again, new Rate("rate-1", Later(again), Satisfaction.Dissatisfied), OneResidentReopen);

        Assert.Equal(CaseStatus.Dispatched, rated.Status);
        Assert.Equal((1, 1, 2), (rated.StaffReopens, rated.ResidentReopens, rated.ReopenCount));
    }

    [Fact]
    public void Dissatisfied_ResidentsReopensUsedUp_GoesToTheDispatchCentresReviewAndTheResidentIsToldSo()
    {
        var review = PublicReview();
        var byResident = Accept(review, new Rate("rate-1", Later(review), Satisfaction.Dissatisfied), OneResidentReopen);
        Assert.Equal(1, byResident.ResidentReopens);
        var again = AnsweredAgain(byResident);

        var decision = Apply(again, new Rate("rate-2", Later(again), Satisfaction.Dissatisfied), OneResidentReopen);

        var state = decision.NewState!;
        Assert.Equal(CaseStatus.PublicReview, state.Status);
        Assert.Equal(again.NextDeadlineAt, state.NextDeadlineAt);
        var review2 = Assert.Single(decision.Effects.OfType<Notify>());
        Assert.Equal((Audience.Unit, NotificationTemplates.DissatisfiedReview, TestTown.DispatchCentre), (review2.Audience, review2.Template, review2.UnitId));
        var staffText = Deliberation.Domain.Notifications.NotificationText.Render(review2.Template, review2.Data, state, TestTown.Directory, Calendars.TestCalendars.Shanghai, review2.UnitId).Text;
        Assert.Contains("请复核", staffText, StringComparison.Ordinal);

        var answer = Deliberation.Domain.Notifications.NotificationText.RatingAnswer(state.CaseId, Satisfaction.Dissatisfied, state, TestTown.Directory);
        Assert.Contains("新桥镇大联动分中心复核", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("感谢", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void RatingAnswer_DissatisfiedThatReopened_SaysSentBack()
    {
        var reopened = Accept(PublicReview(), new Rate("rate-1", Later(PublicReview()), Satisfaction.Dissatisfied));

        Assert.Contains("已退回重新办理", Deliberation.Domain.Notifications.NotificationText.RatingAnswer(reopened.CaseId, Satisfaction.Dissatisfied, reopened, TestTown.Directory), StringComparison.Ordinal);
    }
}
