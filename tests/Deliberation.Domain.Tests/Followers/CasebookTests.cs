using Deliberation.Domain.Followers;
using Deliberation.Domain.Workflow;
using static Deliberation.Domain.Tests.Calendars.TestCalendars;

namespace Deliberation.Domain.Tests.Followers;

public sealed class CasebookTests
{
    [Theory]
    [InlineData(24, 23, 0)]
    [InlineData(25, 0, 1)] // just past midnight in Shanghai: a calendar day, not 24 hours
    [InlineData(30, 9, 6)]
    public void DaysOpen_ReceivedTuesdayMorning_CountsCalendarDaysInShanghai(int day, int hour, int expected)
    {
        Assert.Equal(expected, Casebook.DaysOpen(At(2026, 11, 24, 9), At(2026, 11, day, hour), Shanghai));
    }

    [Fact]
    public void DaysOpen_ReceivedLateEveningUtcNextDayInShanghai_CountsFromTheShanghaiDay()
    {
        // 2026-11-24 16:30 UTC is 00:30 on the 25th in Shanghai.
        var received = new DateTimeOffset(2026, 11, 24, 16, 30, 0, TimeSpan.Zero);

        Assert.Equal(0, Casebook.DaysOpen(received, At(2026, 11, 25, 20), Shanghai));
    }

    [Theory]
    [InlineData(CaseStatus.Dispatched, true)]
    [InlineData(CaseStatus.InProgress, true)]
    [InlineData(CaseStatus.InDeliberation, true)]
    [InlineData(CaseStatus.PublicReview, false)]
    [InlineData(CaseStatus.Responded, false)]
    public void IsOverdue_DeadlinePassedNotYetFired_CountsOnlyWhenAUnitOwesIt(CaseStatus status, bool expected)
    {
        Assert.Equal(expected, Casebook.IsOverdue(status, markedOverdue: false, At(2026, 11, 24, 11), At(2026, 11, 24, 12)));
    }

    [Fact]
    public void IsOverdue_MarkedByTheWorkflow_IsOverdueBeforeItsNewDeadline()
    {
        Assert.True(Casebook.IsOverdue(CaseStatus.Dispatched, markedOverdue: true, At(2026, 11, 25, 11), At(2026, 11, 24, 12)));
        Assert.False(Casebook.IsOverdue(CaseStatus.Dispatched, markedOverdue: false, At(2026, 11, 25, 11), At(2026, 11, 24, 12)));
        Assert.False(Casebook.IsOverdue(CaseStatus.Closed, markedOverdue: true, null, At(2026, 11, 24, 12)));
    }
}
