using Deliberation.Domain.Directory;
using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using static Deliberation.Domain.Tests.Calendars.TestCalendars;
using static Deliberation.Domain.Tests.Workflow.Cases;

namespace Deliberation.Domain.Tests.Workflow;

/// <summary>A case's way through a committee's deliberation: onto the agenda, the meeting, public review of the decision, implementation.</summary>
public sealed class DeliberationTests
{
    [Fact]
    public void Route_SelfGovernanceCategory_GoesStraightOntoTheVillageCommitteesAgenda()
    {
        var received = Received(SelfGovernanceText, place: null);

        var decision = RouteDecision(received);

        var state = decision.NewState!;
        Assert.Equal(CaseStatus.InDeliberation, state.Status);
        Assert.Equal("community-affairs", state.Category);
        Assert.Equal(Village, state.UnitId);
        Assert.Equal(Village, state.Committee);
        Assert.Equal(DeadlineKind.Deliberation, state.NextDeadlineKind);
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.Reporter, Template: NotificationTemplates.CaseReferred });
    }

    [Fact]
    public void CoReports_ThirdResidentOnAParkingCase_PutsItOnTheCommitteesAgenda()
    {
        var dispatched = ParkingDispatched();
        var second = Accept(dispatched, new CoReport("co-2", Later(dispatched), Channel.Sms, "resident-2"));
        Assert.Equal(CaseStatus.Dispatched, second.Status);

        var decision = Apply(second, new CoReport("co-3", Later(second), Channel.WeChat, "resident-3"));

        var state = decision.NewState!;
        Assert.Equal(CaseStatus.InDeliberation, state.Status);
        Assert.Equal(3, state.ReporterCount);
        Assert.Equal(Village, state.Committee);
        Assert.Equal(TimelineEvents.Referred, decision.Timeline!.Event);
        // The co-reporter still hears that their report joined the case, and every reporter that it is on the agenda.
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.Reporter, Template: NotificationTemplates.CaseJoined } n && n.Data["reporterKey"] == "resident-3");
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.Reporter, Template: NotificationTemplates.CaseReferred });
    }

    [Fact]
    public void Support_BelowTheThreshold_IsCountedWithoutReferral()
    {
        var dispatched = ParkingDispatched();

        var decision = Apply(dispatched, SupportFrom(dispatched, "neighbour-1"));

        Assert.Equal(CaseStatus.Dispatched, decision.NewState!.Status);
        Assert.Equal(2, decision.NewState.Support);
        Assert.Equal(dispatched.Phase, decision.NewState.Phase);
        Assert.Equal(TimelineEvents.Supported, decision.Timeline!.Event);
    }

    [Fact]
    public void CoReport_ByAResidentWhoSupportedTheCase_MovesThemFromSupporterToReporterCountingOnce()
    {
        var dispatched = ParkingDispatched();
        var supported = Accept(dispatched, SupportFrom(dispatched, "resident-2"));
        Assert.Equal(2, supported.Support);

        var decision = Apply(supported, new CoReport("co-resident-2", Later(supported), Channel.Sms, "resident-2", AlreadySupported: true));

        var state = decision.NewState!;
        Assert.Equal((2, 2, 0), (state.Support, state.ReporterCount, state.Supporters));
        Assert.Equal(CaseStatus.Dispatched, state.Status); // two residents, not three: the threshold is not reached
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.Reporter, Template: NotificationTemplates.CaseJoined } n && n.Data["reporterKey"] == "resident-2");
    }

    [Fact]
    public void Split_OfACoReportByAFormerSupporter_KeepsTheirSupport()
    {
        var dispatched = ParkingDispatched();
        var supported = Accept(dispatched, SupportFrom(dispatched, "resident-2"));
        var joined = Accept(supported, new CoReport("co-resident-2", Later(supported), Channel.Sms, "resident-2", AlreadySupported: true));

        var split = Accept(joined, new SplitReport("split-resident-2", Later(joined), Dispatcher, "resident-2", WasSupporter: true));

        Assert.Equal((1, 1, 2), (split.ReporterCount, split.Supporters, split.Support));
    }

    [Fact]
    public void Support_CommitteeWithItsOwnThreshold_UsesIt()
    {
        // 桥南居委会 sets 5: three residents are not enough there.
        var dispatched = Accept(Received("景澜小区门口车辆乱停，堵住消防通道", place: null), new Route("route-1", Tuesday));
        Assert.Equal("v-qiaonan", dispatched.Village);
        var state = dispatched;
        for (var i = 0; i < 3; i++)
        {
            state = Accept(state, SupportFrom(state, $"neighbour-{i}"));
        }

        Assert.Equal(4, state.Support);
        Assert.NotEqual(CaseStatus.InDeliberation, state.Status);
        Assert.Equal(CaseStatus.InDeliberation, Accept(state, SupportFrom(state, "neighbour-4")).Status);
    }

    [Fact]
    public void Support_DepartmentMatter_IsCountedButNeverPutOnACommitteeAgenda()
    {
        var road = Accept(Received("东宅路口的路灯坏了好几天", place: null), new Route("route-1", Tuesday));
        Assert.Equal(Tier.Department, road.Tier);
        var state = road;
        for (var i = 0; i < 4; i++)
        {
            state = Accept(state, SupportFrom(state, $"neighbour-{i}"));
        }

        Assert.Equal(CaseStatus.Dispatched, state.Status);
        Assert.Equal(5, state.Support);
    }

    [Fact]
    public void CoReports_ServicePointMatter_RaisePriorityButStayOnTheSpot()
    {
        var dispatched = Dispatched();
        var second = Accept(dispatched, new CoReport("co-2", Later(dispatched), Channel.Sms, "resident-2"));

        var third = Accept(second, new CoReport("co-3", Later(second), Channel.Sms, "resident-3"));

        Assert.Equal((CaseStatus.Dispatched, Dongzhai, true), (third.Status, third.UnitId, third.HighPriority));
    }

    [Fact]
    public void CoReports_CommitteeRepairMatter_RaisePriorityButNeedNoMeeting()
    {
        var drain = Accept(Received("张泾路边的河道污水横流，发出臭味", place: null), new Route("route-1", Tuesday));
        Assert.Equal(("river", Village), (drain.Category, drain.UnitId));
        var state = drain;
        for (var i = 2; i <= 4; i++)
        {
            state = Accept(state, new CoReport($"co-{i}", Later(state), Channel.Sms, $"resident-{i}"));
        }

        Assert.Equal((CaseStatus.Dispatched, true), (state.Status, state.HighPriority));
    }

    [Fact]
    public void ScheduleForMeeting_SetsThePublicClockToTheMeetingAndItsDecisionDate()
    {
        var deliberating = InDeliberation();
        var message = Schedule(deliberating);

        var decision = Apply(deliberating, message);

        var state = decision.NewState!;
        Assert.Equal(CaseStatus.InDeliberation, state.Status);
        Assert.Equal("meeting-1", state.Meeting!.MeetingId);
        Assert.Equal(message.MeetingAt, state.Meeting.At);
        // Two working days of the committee's calendar after the meeting (Friday): the weekend does not count.
        Assert.Equal(TestTown.Context.Policy.DecisionAfterMeeting.DueFrom(message.MeetingAt, TestTown.CalendarOf(Village)), state.DecisionDueAt);
        Assert.InRange(state.DecisionDueAt!.Value, At(2026, 11, 30), At(2026, 12, 2));
        Assert.Equal((DeadlineKind.Deliberation, state.DecisionDueAt), (state.NextDeadlineKind!.Value, state.NextDeadlineAt));
        Assert.Contains(new ScheduleDeadline(DeadlineKind.Deliberation, state.Phase, state.DecisionDueAt!.Value), decision.Effects);
        var notice = Assert.Single(decision.Effects.OfType<Notify>(), n => n.Audience == Audience.Reporter);
        Assert.Equal(NotificationTemplates.CaseOnAgenda, notice.Template);
        Assert.Equal("张泾村村委会议室", notice.Data["place"]);
    }

    [Fact]
    public void ScheduleForMeeting_AlreadyOnAnotherMeeting_IsRefused()
    {
        var onAgenda = OnAgenda();

        var decision = Apply(onAgenda, Schedule(onAgenda, "meeting-2"));

        Assert.Contains("meeting-1", decision.Rejection);
    }

    [Fact]
    public void DeliberationDeadline_NoMeetingEverScheduled_EscalatesToTheDepartment()
    {
        var deliberating = InDeliberation();
        Assert.Null(deliberating.Meeting);

        var decision = Apply(deliberating, Due(deliberating));

        var state = decision.NewState!;
        Assert.Equal(CaseStatus.Dispatched, state.Status);
        Assert.Equal("paichusuo", state.UnitId);
        Assert.True(state.Overdue);
        Assert.Null(state.Committee);
        Assert.Equal(TimelineEvents.Escalated, decision.Timeline!.Event);
        Assert.Contains("no meeting", decision.Timeline.Note);
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.Followers, Template: NotificationTemplates.CaseOverdue });
    }

    [Fact]
    public void DeliberationDeadline_MeetingHeldButNoDecisionRecorded_Escalates()
    {
        var onAgenda = OnAgenda();

        var decision = Apply(onAgenda, Due(onAgenda));

        Assert.Equal(CaseStatus.Dispatched, decision.NewState!.Status);
        Assert.Contains("meeting-1 recorded no decision", decision.Timeline!.Note);
    }

    [Fact]
    public void Deferred_CarriedToTheNextMeeting_WaitsForANewAgendaAndCanBeDecidedThere()
    {
        var onAgenda = OnAgenda();
        var deferred = Accept(onAgenda, Decided(onAgenda, DeliberationOutcome.Deferred));

        Assert.Equal(CaseStatus.InDeliberation, deferred.Status);
        Assert.Null(deferred.Meeting);
        Assert.Equal(1, deferred.DeliberationRound);
        Assert.Equal(Later(onAgenda), deferred.UpdatedAt);
        Assert.True(deferred.DecisionDueAt > onAgenda.DecisionDueAt, "a new scheduling deadline runs from the deferral");

        var next = Accept(deferred, Schedule(deferred, "meeting-2"));
        var decided = Accept(next, Decided(next, DeliberationOutcome.Adopted) with { MeetingId = "meeting-2" });

        Assert.Equal(CaseStatus.DecisionReview, decided.Status);
        Assert.Equal(("meeting-2", 1), (decided.Decision!.MeetingId, decided.Decision.Round));
    }

    [Fact]
    public void DeliberationDecided_ByAMeetingTheCaseIsNotOn_IsRefused()
    {
        var onAgenda = OnAgenda();

        var decision = Apply(onAgenda, Decided(onAgenda, DeliberationOutcome.Adopted) with { MeetingId = "meeting-9" });

        Assert.NotNull(decision.Rejection);
    }

    [Fact]
    public void Objections_ReachingTheThreshold_ReopenTheItemForTheNextMeeting()
    {
        var review = OneObjectionShort(DecisionReview(DeliberationOutcome.Adopted));
        Assert.Equal(4, review.Decision!.Objections);

        var decision = Apply(review, Objection(review, "objector-last"));

        var state = decision.NewState!;
        Assert.Equal(CaseStatus.InDeliberation, state.Status);
        Assert.True(state.Decision!.Reopened);
        Assert.Equal(5, state.Decision.Objections);
        Assert.Null(state.Meeting);
        Assert.Equal(1, state.DeliberationRound);
        Assert.Null(state.Reply);
        Assert.Equal(DeadlineKind.Deliberation, state.NextDeadlineKind);
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.Reporter, Template: NotificationTemplates.DecisionReopened });
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.Followers, Template: NotificationTemplates.Milestone } n && n.Data["milestone"] == Milestones.Reopened);
    }

    [Fact]
    public void Objections_BelowTheThreshold_AreCountedAndTheDecisionStandsWhenTheReviewEnds()
    {
        var review = DecisionReview(DeliberationOutcome.Adopted);
        var objected = Accept(review, Objection(review, "objector-1"));
        Assert.Equal((CaseStatus.DecisionReview, 1), (objected.Status, objected.Decision!.Objections));
        Assert.Equal(review.Phase, objected.Phase);

        var decision = Apply(objected, Due(objected));

        var state = decision.NewState!;
        Assert.Equal(CaseStatus.Dispatched, state.Status);
        Assert.True(state.Implementation);
        Assert.Equal(Village, state.UnitId);
        Assert.Equal(TimelineEvents.ImplementationDispatched, decision.Timeline!.Event);
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.Reporter, Template: NotificationTemplates.ImplementationDispatched });
    }

    [Fact]
    public void Objection_AfterTheReviewEnded_IsRefusedAndTheDecisionStands()
    {
        var review = DecisionReview(DeliberationOutcome.Adopted);
        var late = new RaiseObjection("objection-0-late", review.Decision!.ReviewEndsAt.AddMinutes(1), Channel.Sms, "late", "太晚了");

        var decision = Apply(review, late);

        Assert.Null(decision.NewState);
        Assert.Contains("结束", decision.Rejection);
        Assert.Contains("决议维持", decision.Rejection);
    }

    [Fact]
    public void Objection_OnAClosedRejectedDecision_SaysTheReviewIsOver()
    {
        var review = DecisionReview(DeliberationOutcome.Rejected);
        var closed = Accept(review, Due(review));
        Assert.Equal(CaseStatus.Closed, closed.Status);

        var decision = Apply(closed, Objection(closed, "late"));

        Assert.Contains("公示期已于", decision.Rejection);
    }

    [Fact]
    public void Implementation_RespondedAndPublished_IsTheSecondPublicNotice()
    {
        var review = DecisionReview(DeliberationOutcome.Adopted);
        var implementing = Accept(review, Due(review));
        Assert.Equal(TestTown.Context.Policy.Implementation.DueFrom(implementing.DispatchedAt!.Value, TestTown.CalendarOf(Village)), implementing.RespondDueAt);
        Assert.True(implementing.RespondDueAt > implementing.DispatchedAt.Value.AddDays(20), "20 working days is weeks, not the 7 working days of an ordinary case");

        var acknowledged = Accept(implementing, Ack(implementing));
        var responded = Apply(acknowledged, Respond(acknowledged));
        Assert.Contains(responded.Effects, e => e is Notify { Audience: Audience.Reporter, Template: NotificationTemplates.ImplementationDone });

        var published = Apply(responded.NewState!, Due(responded.NewState!));

        Assert.Equal(CaseStatus.PublicReview, published.NewState!.Status);
        Assert.Equal(TimelineEvents.ResultPublished, published.Timeline!.Event);
        Assert.Equal(published.NewState.UpdatedAt, published.NewState.Decision!.ResultPublishedAt);
        Assert.Contains(published.Effects, e => e is Notify { Audience: Audience.Reporter, Template: NotificationTemplates.ImplementationPublished });
    }

    [Fact]
    public void Supervise_ShortensTheRemainingDeadlineAndTellsTheUnitHead()
    {
        var acknowledged = Acknowledged();
        var at = Later(acknowledged);
        var calendar = TestTown.CalendarOf(acknowledged.UnitId!);
        var remaining = calendar.WorkingTimeBetween(at, acknowledged.RespondDueAt!.Value);

        var decision = Apply(acknowledged, Supervise(acknowledged));

        var state = decision.NewState!;
        var expected = calendar.AddWorkingTime(at, remaining * 0.5);
        Assert.Equal(expected, state.RespondDueAt);
        Assert.True(state.RespondDueAt < acknowledged.RespondDueAt);
        Assert.Equal((DeadlineKind.Respond, expected), (state.NextDeadlineKind!.Value, state.NextDeadlineAt!.Value));
        Assert.Equal(acknowledged.Phase + 1, state.Phase);
        Assert.Contains(new ScheduleDeadline(DeadlineKind.Respond, state.Phase, expected), decision.Effects);
        Assert.Equal((Cases.Representative.UserId, acknowledged.RespondDueAt, expected), (state.Supervision!.By, state.Supervision.DeadlineBefore, state.Supervision.DeadlineAfter));
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.UnitHead, Template: NotificationTemplates.CaseSupervised });
        Assert.Equal(TimelineEvents.Supervised, decision.Timeline!.Event);

        // The old deadline is void: it fires for a phase the case has left.
        Assert.NotNull(Apply(state, Due(acknowledged)).Ignored);
        Assert.Contains("起督办", Apply(state, Supervise(state)).Rejection);
    }

    [Fact]
    public void Whistle_OneDepartmentFailsToReportIn_IsEscalatedAlone()
    {
        var dispatched = Dispatched();
        var whistled = Apply(dispatched, Whistle(dispatched));
        var state = whistled.NewState!;
        Assert.Equal(("chengguan", CaseStatus.Dispatched), (state.UnitId, state.Status));
        Assert.Equal(["paichusuo", "guihua"], state.Whistle!.Summoned.Select(s => s.UnitId));
        var due = state.Whistle.Summoned[0].DueAt;
        Assert.Equal(Later(dispatched).AddMinutes(30), due);
        var timer = Assert.Single(whistled.Effects.OfType<ScheduleDeadline>(), d => d.Kind == DeadlineKind.ReportIn); // both due at once: one timer
        Assert.Equal((1, due), (WhistleCall.RoundOfTimer(timer.Phase), timer.DueAt));
        Assert.Equal(2, whistled.Effects.OfType<Notify>().Count(n => n.Template == NotificationTemplates.WhistleSummoned));

        var reported = Accept(state, ReportIn(state, "paichusuo"));
        Assert.NotNull(reported.Whistle!.Summoned.Single(s => s.UnitId == "paichusuo").ReportedAt);

        var missed = Apply(reported, Due(reported, DeadlineKind.ReportIn, timer.Phase, due));

        var after = missed.NewState!;
        Assert.Equal(reported.Phase, after.Phase);
        Assert.Equal((false, true), (after.Whistle!.Summoned[0].Missed, after.Whistle.Summoned[1].Missed));
        var alert = Assert.Single(missed.Effects.OfType<Notify>(), n => n.Audience == Audience.TownAlert);
        Assert.Equal((NotificationTemplates.ReportInMissed, "guihua"), (alert.Template, alert.UnitId));
        Assert.Contains(missed.Effects, e => e is Notify { Audience: Audience.Followers, Template: NotificationTemplates.ReportInMissed });
        Assert.Equal(TimelineEvents.ReportInMissed, missed.Timeline!.Event);

        // Summoned departments stay on the case; the late one can still report in, and the timer does not fire twice.
        Assert.True(after.Whistle.IsOn("guihua"));
        Assert.NotNull(Apply(after, Due(after, DeadlineKind.ReportIn, timer.Phase, due)).Ignored);
        Assert.Contains("late", Apply(after, ReportIn(after, "guihua")).Timeline!.Note);
    }

    [Fact]
    public void Whistle_AtNight_TheRoundTheClockPoliceAreEscalatedHalfAnHourLaterAndTheOfficeDepartmentNextMorning()
    {
        var dispatched = Dispatched();
        var evening = new DateTimeOffset(2026, 11, 24, 20, 0, 0, TimeSpan.FromHours(8)); // Tuesday 20:00
        var whistled = Apply(dispatched, Whistle(dispatched) with { OccurredAt = evening });
        var state = whistled.NewState!;

        var timers = whistled.Effects.OfType<ScheduleDeadline>().Where(d => d.Kind == DeadlineKind.ReportIn).OrderBy(d => d.DueAt).ToList();
        var office = state.Whistle!.Summoned.Single(s => s.UnitId == "guihua").DueAt;
        Assert.Equal(new DateOnly(2026, 11, 25), DateOnly.FromDateTime(office.ToOffset(TimeSpan.FromHours(8)).DateTime)); // next working morning
        Assert.Equal([evening.AddMinutes(30), office], timers.Select(t => t.DueAt));
        Assert.Equal(timers.Count, timers.Select(t => DeadlineDue.IdFor(t.Kind, t.Phase)).Distinct().Count()); // each fires once
        Assert.All(timers, t => Assert.Equal(state.Whistle!.Round, WhistleCall.RoundOfTimer(t.Phase)));

        var night = Apply(state, Due(state, DeadlineKind.ReportIn, timers[0].Phase, timers[0].DueAt));
        var alert = Assert.Single(night.Effects.OfType<Notify>(), n => n.Audience == Audience.TownAlert);
        Assert.Equal("paichusuo", alert.UnitId); // 规划 is not due until the morning

        var morning = Apply(night.NewState!, Due(night.NewState!, DeadlineKind.ReportIn, timers[1].Phase, timers[1].DueAt));
        Assert.Equal("guihua", Assert.Single(morning.Effects.OfType<Notify>(), n => n.Audience == Audience.TownAlert).UnitId);
    }

    [Fact]
    public void ReportInTimer_SetBeforeTimersWerePerDueTime_StillEscalatesItsRound()
    {
        var whistled = Whistled();
        var due = whistled.Whistle!.Summoned.Max(s => s.DueAt);

        var decision = Apply(whistled, Due(whistled, DeadlineKind.ReportIn, whistled.Whistle.Round, due)); // the phase was the round

        Assert.Equal(2, decision.Effects.OfType<Notify>().Count(n => n.Audience == Audience.TownAlert));
    }

    [Fact]
    public void ReportIn_ByAUnitNotSummoned_IsRefused()
    {
        var whistled = Whistled();

        Assert.NotNull(Apply(whistled, ReportIn(whistled, "weisheng")).Rejection);
    }

    [Fact]
    public void Whistle_SummoningACommittee_IsRefused()
    {
        var dispatched = Dispatched();

        var decision = Apply(dispatched, Whistle(dispatched) with { Summoned = ["v-hetang"] });

        Assert.Contains("不是镇职能部门", decision.Rejection);
    }

    [Fact]
    public void ReportInDeadline_CaseAlreadyResolved_IsIgnored()
    {
        var whistled = Whistled();
        var acknowledged = Accept(whistled, Ack(whistled));
        var responded = Accept(acknowledged, Respond(acknowledged));

        var phase = whistled.Whistle!.ReportInTimers().Single().Phase;

        var decision = Apply(responded, Due(responded, DeadlineKind.ReportIn, phase, Later(responded)));

        Assert.NotNull(decision.Ignored);
    }

    [Fact]
    public void DeliberationDecided_CaseNotOnAnyAgenda_IsRefused()
    {
        var waiting = InDeliberation();

        var decision = Apply(waiting, Decided(waiting, DeliberationOutcome.Adopted));

        Assert.Contains("不在会议", decision.Rejection);
    }

    [Fact]
    public void MeetingCancelledAgainAndAgain_KeepsTheDateByWhichAMeetingMustTakeItUp()
    {
        var waiting = InDeliberation();
        var agendaDue = waiting.AgendaDueAt!.Value;
        var state = waiting;
        for (var i = 0; i < 5; i++)
        {
            state = Accept(state, Schedule(state, $"meeting-{i}"));
            state = Accept(state, new MeetingCancelled($"cancel-{i}", Later(state).AddDays(1), $"meeting-{i}", "改期"));
        }

        Assert.Equal(agendaDue, state.AgendaDueAt);
        Assert.Equal(agendaDue, state.DecisionDueAt);
        Assert.Equal((DeadlineKind.Deliberation, agendaDue), (state.NextDeadlineKind!.Value, state.NextDeadlineAt!.Value));
    }

    [Fact]
    public void MeetingCancelled_AfterTheAgendaDateHasPassed_LeavesAShortGraceNotAFullPeriod()
    {
        var onAgenda = OnAgenda();
        var late = onAgenda.AgendaDueAt!.Value.AddDays(1);

        var state = Accept(onAgenda, new MeetingCancelled("cancel-late", late, "meeting-1", "改期"));

        Assert.Equal(TestTown.Context.Policy.DecisionAfterMeeting.DueFrom(late, TestTown.CalendarOf(Village)), state.DecisionDueAt);
    }

    [Fact]
    public void Supervise_CaseOnAMeetingsAgenda_KeepsTheMeetingsClock()
    {
        var onAgenda = OnAgenda();

        var decision = Apply(onAgenda, Supervise(onAgenda));

        var state = decision.NewState!;
        Assert.Equal(onAgenda.DecisionDueAt, state.DecisionDueAt);
        Assert.True(state.DecisionDueAt > state.Meeting!.At);
        Assert.NotNull(state.Supervision);
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.UnitHead });
    }

    [Fact]
    public void Supervise_WallClockUtilityDeadline_HalvesTheWallClockTime()
    {
        var outage = Accept(Received("东宅停水一整天了，自来水一直没来", place: null), new Route("route-1", Tuesday));
        Assert.Equal("utility", outage.Category);
        var acknowledged = Accept(outage, Ack(outage));
        var at = Later(acknowledged);

        var state = Accept(acknowledged, Supervise(acknowledged));

        Assert.Equal(at + ((acknowledged.RespondDueAt!.Value - at) / 2), state.RespondDueAt);
    }

    [Fact]
    public void Whistle_LedByTheCasesOwnUnit_KeepsItsStatusDeadlinesAndOverdueFlag()
    {
        var working = ParkingInProgress();

        var decision = Apply(working, Whistle(working) with { Lead = Village });

        var state = decision.NewState!;
        Assert.Equal((CaseStatus.InProgress, Village, working.Phase), (state.Status, state.UnitId, state.Phase));
        Assert.Equal((working.RespondDueAt, working.NextDeadlineAt), (state.RespondDueAt, state.NextDeadlineAt));
        Assert.Equal(Village, state.Whistle!.Lead);
        Assert.Contains(decision.Effects, e => e is ScheduleDeadline { Kind: DeadlineKind.ReportIn });
    }

    [Fact]
    public void Whistle_WithAnotherLead_KeepsTheOverdueMark()
    {
        var overdue = Accept(Dispatched(), Due(Dispatched())); // not acknowledged in time: escalated to the committee
        Assert.True(overdue.Overdue);

        var state = Accept(overdue, Whistle(overdue));

        Assert.Equal(("chengguan", true), (state.UnitId, state.Overdue));
    }

    [Fact]
    public void Refer_WhileCarryingOutAnEarlierDecision_StartsANewDeliberation()
    {
        var review = DecisionReview(DeliberationOutcome.Adopted);
        var implementing = Accept(review, Due(review));
        Assert.True(implementing.Implementation);

        var referred = Accept(implementing, Refer(implementing));

        Assert.Equal(CaseStatus.InDeliberation, referred.Status);
        Assert.False(referred.Implementation);
    }

    [Fact]
    public void Reassign_ByTheDispatchCentre_TakesAWronglyReferredCaseOutOfDeliberation()
    {
        var onAgenda = OnAgenda();

        var state = Accept(onAgenda, Reassign(onAgenda, "paichusuo"));

        Assert.Equal((CaseStatus.Dispatched, "paichusuo"), (state.Status, state.UnitId));
        Assert.Null(state.Meeting);
        Assert.Null(state.Committee);
        Assert.False(state.Overdue);
    }

    [Fact]
    public void Objection_AfterTheDecisionWasReopened_SaysTheNextMeetingDecides()
    {
        var review = OneObjectionShort(DecisionReview(DeliberationOutcome.Adopted));
        var reopened = Accept(review, Objection(review, "objector-last"));

        var decision = Apply(reopened, Objection(reopened, "objector-later"));

        Assert.Contains("重新审议", decision.Rejection);
    }
}
