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
}
