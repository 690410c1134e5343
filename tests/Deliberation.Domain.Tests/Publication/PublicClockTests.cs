using Deliberation.Domain.Publication;
using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Tests.Publication;

public sealed class PublicClockTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static readonly CaseState Referred = new()
    {
        CaseId = "202611240001",
        Text = "东宅停车难",
        Status = CaseStatus.InDeliberation,
        // 16:30 UTC on the 14th is already 00:30 on the 15th in Shanghai: the town's day counts.
        DecisionDueAt = new DateTimeOffset(2026, 12, 14, 16, 30, 0, TimeSpan.Zero),
    };

    [Fact]
    public void Line_NoMeetingYet_SaysByWhenItMustBeScheduled()
    {
        Assert.Equal("待列入议事会议程，最迟12月15日前安排", PublicClock.Line(Referred, Shanghai));
    }

    [Fact]
    public void Line_OnAnAgenda_SaysMeetingDayPlaceAndDecisionDay()
    {
        var scheduled = Referred with
        {
            // 17:00 UTC on the 2nd is 01:00 on the 3rd in Shanghai.
            Meeting = new ScheduledMeeting("m-1", new DateTimeOffset(2026, 12, 2, 17, 0, 0, TimeSpan.Zero), "张泾村村委会会议室"),
            DecisionDueAt = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(8)),
        };

        Assert.Equal("将于12月3日在张泾村村委会会议室召开的议事会上决定，决定于12月7日前公布", PublicClock.Line(scheduled, Shanghai));
        Assert.Equal("将于12月3日召开的议事会上决定，决定于12月7日前公布", PublicClock.Line(scheduled with { Meeting = scheduled.Meeting! with { Place = " " } }, Shanghai));
    }

    [Fact]
    public void Line_DecisionInReview_SaysUntilWhenAndHowToObject()
    {
        var review = Referred with
        {
            Status = CaseStatus.DecisionReview,
            Decision = new MeetingDecision("m-1", 0, DeliberationOutcome.Adopted, "划定夜间停车位", "v-zhangjing", null,
                new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.FromHours(8)), 5),
        };

        Assert.Equal("决议公示至12月8日，期间可回复“异议202611240001 理由”提出异议", PublicClock.Line(review, Shanghai));
    }

    [Theory]
    [InlineData(CaseStatus.Dispatched)]
    [InlineData(CaseStatus.PublicReview)]
    [InlineData(CaseStatus.Closed)]
    public void Line_OtherStates_None(CaseStatus status)
    {
        Assert.Null(PublicClock.Line(Referred with { Status = status }, Shanghai));
    }
}
