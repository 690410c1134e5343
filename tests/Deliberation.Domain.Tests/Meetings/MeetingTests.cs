using Deliberation.Domain.Meetings;
using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Tests.Meetings;

public class MeetingTests
{
    private const string Committee = "v-zhangjing";
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset StartsAt = Now.AddDays(7).AddHours(10);
    private static readonly MeetingRule Representatives = new WorkflowPolicy().RuleFor(MeetingType.VillageRepresentatives);

    [Fact]
    public void Quorum_SixOfNinePresent_ReachesTwoThirdsAndVoteIsRecorded()
    {
        var meeting = Held(members: 9, present: 6, "c1");

        var result = meeting.RecordVote("i1", VoteTally.Counted(4, 1, 1), null, "同意在东宅施划停车位", null, StartsAt);

        Assert.True(meeting.QuorumReached);
        Assert.Equal(6, meeting.QuorumNeeded);
        Assert.Null(result.Refusal);
        Assert.Equal(DeliberationOutcome.Adopted, result.Meeting!.Item("i1")!.Outcome);
    }

    [Fact]
    public void Quorum_FiveOfNinePresent_VoteRefusedSayingPresentAndNeeded()
    {
        var meeting = Held(members: 9, present: 5, "c1");

        var result = meeting.RecordVote("i1", VoteTally.Counted(5, 0, 0), null, "同意", null, StartsAt);

        Assert.False(meeting.QuorumReached);
        Assert.Null(result.Meeting);
        Assert.Empty(result.Notices);
        Assert.Contains("5 of 9", result.Refusal);
        Assert.Contains("at least 6", result.Refusal);
    }

    [Fact]
    public void Vote_Tie_IsNotAdopted()
    {
        var meeting = Held(members: 9, present: 8, "c1");

        var result = meeting.RecordVote("i1", VoteTally.Counted(4, 4, 0), null, "维持现状", null, StartsAt);

        var item = result.Meeting!.Item("i1")!;
        Assert.Equal(DeliberationOutcome.Rejected, item.Outcome);
        Assert.Null(item.ResponsibleUnit);
        var decided = Assert.IsType<DeliberationDecided>(Assert.Single(result.Notices).Message);
        Assert.Equal(DeliberationOutcome.Rejected, decided.Outcome);
    }

    [Fact]
    public void Vote_StatedAdoptedOnATie_RefusedAsContradictingTheTally()
    {
        var meeting = Held(members: 9, present: 8, "c1");

        var result = meeting.RecordVote("i1", VoteTally.Counted(4, 4, 0), DeliberationOutcome.Adopted, "通过", null, StartsAt);

        Assert.Null(result.Meeting);
        Assert.Contains("does not support 'Adopted'", result.Refusal);
    }

    [Fact]
    public void Majority_HalfOfPresentFor_NotAdopted()
    {
        var meeting = Held(members: 12, present: 10, "c1");

        var result = meeting.RecordVote("i1", VoteTally.Counted(5, 2, 3), null, "暂不施划", null, StartsAt);

        Assert.Equal(DeliberationOutcome.Rejected, result.Meeting!.Item("i1")!.Outcome);
    }

    [Fact]
    public void Majority_HalfOfPresentPlusOneFor_AdoptedAndCarriedOutByTheCommitteeByDefault()
    {
        var meeting = Held(members: 12, present: 10, "c1");

        var result = meeting.RecordVote("i1", VoteTally.Counted(6, 2, 2), DeliberationOutcome.Adopted, "同意施划停车位", null, StartsAt);

        var item = result.Meeting!.Item("i1")!;
        Assert.Equal(DeliberationOutcome.Adopted, item.Outcome);
        Assert.Equal(Committee, item.ResponsibleUnit);
        Assert.NotNull(item.Step(DeliberationStep.Decided));
        var decided = Assert.IsType<DeliberationDecided>(Assert.Single(result.Notices).Message);
        Assert.Equal($"meeting-{meeting.MeetingId}-i1-decided", decided.MessageId);
        Assert.Equal(Committee, decided.ResponsibleUnit);
        Assert.Equal("赞成6票，反对2票，弃权2票（应到12人，实到10人）", decided.Votes);
    }

    [Fact]
    public void NamedVotes_ByAnAbsentMember_Refused()
    {
        var meeting = Held(members: 9, present: 6, "c1");

        var result = meeting.RecordVote("i1", VoteTally.Named(["m1", "m2", "m9"], ["m3"], []), null, "同意", null, StartsAt);

        Assert.Null(result.Meeting);
        Assert.Contains("m9 is not recorded as present", result.Refusal);
    }

    [Fact]
    public void NamedVotes_SameMemberTwice_Refused()
    {
        var meeting = Held(members: 9, present: 6, "c1");

        var result = meeting.RecordVote("i1", VoteTally.Named(["m1", "m2", "m3", "m4"], ["m1"], []), null, "同意", null, StartsAt);

        Assert.Contains("m1 voted more than once", result.Refusal);
    }

    [Fact]
    public void NamedVotes_OfPresentMembers_CountedAndAdopted()
    {
        var meeting = Held(members: 9, present: 6, "c1");

        var result = meeting.RecordVote("i1", VoteTally.Named(["m1", "m2", "m3", "m4"], ["m5"], ["m6"]), null, "同意", null, StartsAt);

        var votes = result.Meeting!.Item("i1")!.Votes!;
        Assert.True(votes.IsNamed);
        Assert.Equal((4, 1, 1), (votes.For, votes.Against, votes.Abstain));
        Assert.Equal(DeliberationOutcome.Adopted, result.Meeting.Item("i1")!.Outcome);
    }

    [Fact]
    public void CountedVotes_MoreThanPresent_Refused()
    {
        var meeting = Held(members: 9, present: 6, "c1");

        var result = meeting.RecordVote("i1", VoteTally.Counted(5, 1, 1), null, "同意", null, StartsAt);

        Assert.Null(result.Meeting);
        Assert.Contains("7 votes were counted but only 6 members are present", result.Refusal);
    }

    [Fact]
    public void Defer_WithoutQuorum_TellsTheCaseItIsDeferredWithoutAVote()
    {
        var meeting = Held(members: 9, present: 3, "c1");

        var result = meeting.Defer("i1", "人数不足，下次再议", StartsAt);

        var item = result.Meeting!.Item("i1")!;
        Assert.Equal(DeliberationOutcome.Deferred, item.Outcome);
        Assert.Null(item.Votes);
        Assert.Null(item.Step(DeliberationStep.Decided));
        var decided = Assert.IsType<DeliberationDecided>(Assert.Single(result.Notices).Message);
        Assert.Equal(DeliberationOutcome.Deferred, decided.Outcome);
        Assert.Equal("c1", result.Notices[0].CaseId);
    }

    [Fact]
    public void Close_WithAnItemNotReached_DefersItSoItsCaseWaitsForTheNextMeeting()
    {
        var meeting = Held(members: 9, present: 7, "c1", "c2");
        meeting = meeting.RecordVote("i1", VoteTally.Counted(6, 1, 0), null, "同意在东宅施划停车位", null, StartsAt).Meeting!;

        var result = meeting.Close(StartsAt.AddHours(2));

        var closed = result.Meeting!;
        Assert.Equal((MeetingStatus.Closed, StartsAt.AddHours(2)), (closed.Status, closed.ClosedAt));
        Assert.Equal(DeliberationOutcome.Adopted, closed.Item("i1")!.Outcome); // what was decided stays decided
        Assert.Equal((DeliberationOutcome.Deferred, Meeting.NotReachedAtClose), (closed.Item("i2")!.Outcome, closed.Item("i2")!.Resolution));
        var notice = Assert.Single(result.Notices);
        Assert.Equal(("c2", DeliberationOutcome.Deferred), (notice.CaseId, Assert.IsType<DeliberationDecided>(notice.Message).Outcome));
        Assert.Equal(meeting.MessageId("i2", "decided"), notice.Message.MessageId);
    }

    [Fact]
    public void Close_ThenVoteOrNewItem_RefusedButMinutesMayStillBeWritten()
    {
        var closed = Held(members: 9, present: 7, "c1").Close(StartsAt.AddHours(2)).Meeting!;

        Assert.Contains("closed", closed.AddManualItem("村道路灯维护", null, StartsAt.AddHours(3)).Refusal);
        Assert.Contains("closed", closed.RecordVote("i1", VoteTally.Counted(7, 0, 0), null, "同意", null, StartsAt.AddHours(3)).Refusal);
        Assert.Equal("会议纪要", closed.RecordMinutes("会议纪要", StartsAt.AddDays(1)).Meeting!.Minutes);
    }

    [Fact]
    public void Close_BeforeTheMeetingWasHeld_Refused()
    {
        var scheduled = Scheduled(9, "c1");

        Assert.Contains("record attendance first", scheduled.Close(StartsAt).Refusal);
    }

    [Fact]
    public void Vote_OnADeferredItem_RefusedAsAlreadyDecided()
    {
        var meeting = Held(members: 9, present: 9, "c1").Defer("i1", null, StartsAt).Meeting!;

        var result = meeting.RecordVote("i1", VoteTally.Counted(9, 0, 0), null, "同意", null, StartsAt);

        Assert.Contains("already decided (Deferred)", result.Refusal);
    }

    [Fact]
    public void Attendance_AfterAVote_Refused()
    {
        var meeting = Held(members: 9, present: 6, "c1", "c2");
        meeting = meeting.RecordVote("i1", VoteTally.Counted(6, 0, 0), null, "同意", null, StartsAt).Meeting!;

        var result = meeting.RecordAttendance(["m1"], StartsAt.AddMinutes(30));

        Assert.Contains("can no longer change", result.Refusal);
    }

    [Fact]
    public void Attendance_BeforeTheMeetingStarts_Refused()
    {
        var meeting = Scheduled(9, "c1");

        var result = meeting.RecordAttendance(["m1", "m2"], StartsAt.AddMinutes(-10));

        Assert.NotNull(result.Refusal);
        Assert.Equal(MeetingStatus.Scheduled, meeting.Status);
    }

    [Fact]
    public void Attendance_CorrectedWithLatecomers_ReachesQuorum()
    {
        var meeting = Held(members: 9, present: 5, "c1");

        var corrected = meeting.RecordAttendance(["m1", "m2", "m3", "m4", "m5", "m6"], StartsAt.AddMinutes(20)).Meeting!;

        Assert.True(corrected.QuorumReached);
        Assert.Null(corrected.RecordVote("i1", VoteTally.Counted(4, 2, 0), null, "同意", null, StartsAt).Refusal);
    }

    [Fact]
    public void Schedule_InThePast_Refused()
    {
        var result = Meeting.Schedule("20261124-0a0b", Plan(3) with { StartsAt = Now.AddMinutes(-1) }, Representatives, "u1", Now);

        Assert.Contains("future", result.Refusal);
    }

    [Fact]
    public void Schedule_MemberListedTwice_Refused()
    {
        var plan = Plan(2) with { Members = [new("m1", "王建国"), new("m1", "李秀英")] };

        var result = Meeting.Schedule("20261124-0a0b", plan, Representatives, "u1", Now);

        Assert.Contains("m1 is listed more than once", result.Refusal);
    }

    [Fact]
    public void AddCase_ScheduleForMeetingWithTheMeetingsTimeAndPlace()
    {
        var meeting = Scheduled(9);

        var result = meeting.AddCase(Waiting("c1"), "停车管理", Now);

        var notice = Assert.Single(result.Notices);
        var schedule = Assert.IsType<ScheduleForMeeting>(notice.Message);
        Assert.Equal(("c1", "i1"), (notice.CaseId, notice.ItemId));
        Assert.Equal($"meeting-{meeting.MeetingId}-i1-scheduled", schedule.MessageId);
        Assert.Equal(StartsAt, schedule.MeetingAt);
        Assert.Equal(meeting.Place, schedule.Place);
    }

    [Fact]
    public void AddCase_NotInDeliberationOrOfAnotherCommittee_Refused()
    {
        var meeting = Scheduled(9);

        Assert.Contains("Dispatched", meeting.AddCase(Waiting("c1") with { Status = CaseStatus.Dispatched }, "t", Now).Refusal);
        Assert.Contains("v-hetang", meeting.AddCase(Waiting("c2") with { Committee = "v-hetang" }, "t", Now).Refusal);
    }

    [Fact]
    public void BuildAgenda_AddsWaitingCasesAndSkipsThoseOnAnotherMeeting()
    {
        var meeting = Scheduled(9, "c1");
        var onOther = Waiting("c3") with { Meeting = new ScheduledMeeting("20261201-ffff", StartsAt, "村委会") };
        var carriedOver = Waiting("c4") with { DeliberationRound = 1 };

        var (result, skipped) = meeting.BuildAgenda([Waiting("c1"), Waiting("c2"), onOther, carriedOver], _ => "停车管理", Now);

        var built = result.Meeting!;
        Assert.Equal(["c1", "c2", "c4"], built.Items.Select(i => i.CaseId));
        Assert.Equal(1, built.Item("i3")!.Round);
        Assert.Equal(["c2", "c4"], result.Notices.Select(n => n.CaseId));
        Assert.Equal("c3", Assert.Single(skipped).CaseId);
        Assert.Equal(meeting.Version + 1, built.Version);
    }

    [Fact]
    public void Cancel_TellsEveryCaseOnTheAgendaExceptOneThatNeverAcceptedIt()
    {
        var meeting = Scheduled(9, "c1", "c2");
        meeting = meeting.AddManualItem("村规民约修订", null, Now).Meeting!;
        meeting = meeting.CaseRefused("i2", new ScheduleForMeeting("x", Now, meeting.MeetingId, StartsAt), "escalated", Now);

        var result = meeting.Cancel("台风", Now.AddDays(1));

        Assert.Equal(MeetingStatus.Cancelled, result.Meeting!.Status);
        var notice = Assert.Single(result.Notices);
        Assert.Equal("c1", notice.CaseId);
        Assert.Equal($"meeting-{meeting.MeetingId}-i1-cancelled", notice.Message.MessageId);
    }

    [Fact]
    public void RemoveItem_Decided_Refused_Undecided_TellsTheCase()
    {
        var meeting = Held(members: 9, present: 9, "c1", "c2");
        meeting = meeting.RecordVote("i1", VoteTally.Counted(9, 0, 0), null, "同意", null, StartsAt).Meeting!;

        Assert.Contains("decided", meeting.RemoveItem("i1", "误加", StartsAt).Refusal);
        var removed = meeting.RemoveItem("i2", "材料不全", StartsAt);
        Assert.Equal(["i1"], removed.Meeting!.Items.Select(i => i.ItemId));
        Assert.IsType<MeetingCancelled>(Assert.Single(removed.Notices).Message);
    }

    [Fact]
    public void Steps_OutOfOrder_Refused_InOrder_Recorded()
    {
        var meeting = Scheduled(9, "c1");

        Assert.Contains("follows", meeting.RecordStep("i1", DeliberationStep.Discussed, Now.AddDays(-1), null, Now).Refusal);
        Assert.Contains("by the meeting itself", meeting.RecordStep("i1", DeliberationStep.Decided, Now, null, Now).Refusal);

        meeting = meeting.RecordStep("i1", DeliberationStep.Proposed, Now.AddDays(-3), "党支部提议", Now).Meeting!;
        Assert.Contains("before Proposed", meeting.RecordStep("i1", DeliberationStep.Discussed, Now.AddDays(-4), null, Now).Refusal);
        meeting = meeting.RecordStep("i1", DeliberationStep.Discussed, Now.AddDays(-2), "两委商议", Now).Meeting!;
        Assert.Equal([DeliberationStep.Proposed, DeliberationStep.Discussed], meeting.Item("i1")!.Steps.Select(s => s.Step));
    }

    [Fact]
    public void CaseAccepted_Decision_RecordsDecisionPublishedOnce()
    {
        var meeting = Held(members: 9, present: 9, "c1");
        var voted = meeting.RecordVote("i1", VoteTally.Counted(9, 0, 0), null, "同意", null, StartsAt);
        var message = voted.Notices[0].Message;

        var published = voted.Meeting!.CaseAccepted("i1", message, StartsAt.AddMinutes(1));
        var again = published.CaseAccepted("i1", message, StartsAt.AddMinutes(5));

        Assert.Equal(StartsAt.AddMinutes(1), again.Item("i1")!.Step(DeliberationStep.DecisionPublished)!.At);
        Assert.Same(published, again);
    }

    [Fact]
    public void Vote_ResolutionNamingTheChairWithAPhone_ReachesTheCaseWithoutThem()
    {
        var meeting = Held(members: 9, present: 6, "c1");

        var result = meeting.RecordVote("i1", VoteTally.Counted(5, 1, 0), null, "由张主任牵头施划停车位，联系电话13900001111", null, StartsAt);

        var decided = Assert.IsType<DeliberationDecided>(Assert.Single(result.Notices).Message);
        Assert.DoesNotContain("张主任", decided.Resolution, StringComparison.Ordinal);
        Assert.DoesNotContain("13900001111", decided.Resolution, StringComparison.Ordinal);
        Assert.Contains("施划停车位", decided.Resolution, StringComparison.Ordinal);
        // The meeting's own record keeps what was resolved, for staff.
        Assert.Contains("张主任", result.Meeting!.Item("i1")!.Resolution, StringComparison.Ordinal);
    }

    private static MeetingPlan Plan(int members) => new(
        Committee,
        MeetingType.VillageRepresentatives,
        StartsAt,
        "张泾村村委会议室",
        new MeetingChair("张主任", "村委会主任"),
        Enumerable.Range(1, members).Select(i => new MeetingMember($"m{i}", $"代表{i}")).ToList());

    private static CaseState Waiting(string caseId) => new()
    {
        CaseId = caseId,
        Text = "东宅停车难",
        Status = CaseStatus.InDeliberation,
        Committee = Committee,
        UnitId = Committee,
    };

    private static Meeting Scheduled(int members, params string[] cases)
    {
        var meeting = Meeting.Schedule("20261201-1a2b", Plan(members), Representatives, "u1", Now).Meeting!;
        foreach (var caseId in cases)
        {
            meeting = meeting.AddCase(Waiting(caseId), "停车管理", Now).Meeting!;
        }

        return meeting;
    }

    private static Meeting Held(int members, int present, params string[] cases) =>
        Scheduled(members, cases).RecordAttendance(Enumerable.Range(1, present).Select(i => $"m{i}").ToList(), StartsAt).Meeting!;
}
