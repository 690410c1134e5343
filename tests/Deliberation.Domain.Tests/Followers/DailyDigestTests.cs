using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using static Deliberation.Domain.Tests.Calendars.TestCalendars;

namespace Deliberation.Domain.Tests.Followers;

public sealed class DailyDigestTests
{
    private const string Yao = "rep:rep-yao-jianhua";
    private const string Xu = "rep:rep-xu-meiling";
    private static readonly DateOnly Tuesday = new(2026, 11, 24);

    private static DigestEntry Entry(string recipient, string caseId, string milestone, int hour) =>
        new(recipient, caseId, milestone, CaseStatus.Dispatched, "sp-zhangjing-dongzhai", At(2026, 11, 24, hour));

    [Fact]
    public void Compose_MilestonesOfOneRecipient_ListsEachGroupWithItsCaseIdsAndCountsAndNothingOfOthers()
    {
        DigestEntry[] rows =
        [
            Entry(Yao, "202611240001", "Dispatched", 9),
            Entry(Yao, "202611240002", "Dispatched", 10),
            Entry(Yao, "202611230007", "Responded", 11),
            Entry(Yao, "202611200003", "Decided", 14),
            Entry(Yao, "202611180004", "Reopened", 15),
            Entry(Xu, "202611249999", "Dispatched", 9),
            Entry(Xu, "202611248888", "Responded", 12),
        ];

        var text = DailyDigest.Compose(Yao, Tuesday, rows, "新桥镇");

        Assert.Equal(
            "【新桥镇】关注诉求每日动态（11月24日）：派单2件：202611240001、202611240002；办结1件：202611230007；议定1件：202611200003；重办1件：202611180004。",
            text);
        Assert.DoesNotContain("202611249999", text, StringComparison.Ordinal);
        Assert.DoesNotContain("202611248888", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_RecipientWithoutMilestones_IsNothing()
    {
        Assert.Null(DailyDigest.Compose("rep:rep-zhou-lixin", Tuesday, [Entry(Yao, "202611240001", "Dispatched", 9)], "新桥镇"));
    }

    [Fact]
    public void Groups_KindsOutOfOrder_ComeInTheDigestsOrderAndACaseCountsOncePerKind()
    {
        DigestEntry[] rows =
        [
            Entry(Yao, "c3", "Reopened", 15),
            Entry(Yao, "c1", "Dispatched", 11),
            Entry(Yao, "c2", "Decided", 10),
            Entry(Yao, "c1", "Dispatched", 9), // escalated and dispatched again the same day
        ];

        var groups = DailyDigest.Groups(Yao, rows);

        Assert.Equal(["Dispatched", "Decided", "Reopened"], groups.Select(g => g.Milestone));
        Assert.Equal(["c1"], groups[0].CaseIds);
    }

    [Fact]
    public void Compose_MoreCasesThanTheCap_ListsTheFirstTwentyAndCountsAll()
    {
        var rows = Enumerable.Range(1, 25).Select(i => new DigestEntry(Yao, $"c{i:00}", "Dispatched", null, null, At(2026, 11, 24, 8).AddMinutes(i))).ToList();

        var text = DailyDigest.Compose(Yao, Tuesday, rows, "新桥镇")!;

        Assert.Contains("派单25件：c01、", text, StringComparison.Ordinal);
        Assert.Contains("c20等25件", text, StringComparison.Ordinal);
        Assert.DoesNotContain("c21", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(9, 0, 24)]
    [InlineData(17, 59, 24)]
    [InlineData(18, 0, 25)] // sent at 18:00: what happens from then on is tomorrow's news
    [InlineData(23, 30, 25)]
    public void DayOf_AMilestone_IsTheDigestThatWillCarryIt(int hour, int minute, int day)
    {
        Assert.Equal(new DateOnly(2026, 11, day), DailyDigest.DayOf(At(2026, 11, 24, hour, minute), Shanghai));
    }

    [Fact]
    public void DayOf_UtcInstant_IsTakenInShanghai()
    {
        // 2026-11-24 17:00 UTC is 01:00 on the 25th in Shanghai.
        Assert.Equal(new DateOnly(2026, 11, 25), DailyDigest.DayOf(new DateTimeOffset(2026, 11, 24, 17, 0, 0, TimeSpan.Zero), Shanghai));
    }

    [Theory]
    [InlineData(9, 0, 24)]
    [InlineData(17, 59, 24)]
    [InlineData(18, 0, 25)]
    [InlineData(22, 0, 25)]
    public void NextSendAfter_Now_IsTheNext1800InShanghai(int hour, int minute, int day)
    {
        var next = DailyDigest.NextSendAfter(At(2026, 11, 24, hour, minute), Shanghai);

        Assert.Equal(At(2026, 11, day, 18), next);
        Assert.Equal(new DateTimeOffset(2026, 11, day, 10, 0, 0, TimeSpan.Zero), next.ToUniversalTime());
    }

    [Theory]
    [InlineData(17, 59, 23)]
    [InlineData(18, 0, 24)]
    [InlineData(23, 0, 24)]
    public void LatestDueDay_Now_IsTodayFromTheSendTimeOnElseYesterday(int hour, int minute, int day)
    {
        Assert.Equal(new DateOnly(2026, 11, day), DailyDigest.LatestDueDay(At(2026, 11, 24, hour, minute), Shanghai));
    }

    [Fact]
    public void PartitionOf_ADay_IsItsDateWithoutSeparators()
    {
        Assert.Equal("20261124", DailyDigest.PartitionOf(Tuesday));
    }
}
