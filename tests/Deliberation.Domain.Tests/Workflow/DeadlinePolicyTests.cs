using Deliberation.Domain.Calendars;
using Deliberation.Domain.Directory;
using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using static Deliberation.Domain.Tests.Calendars.TestCalendars;
using static Deliberation.Domain.Tests.Workflow.Cases;

namespace Deliberation.Domain.Tests.Workflow;

/// <summary>Acknowledge and response deadlines of the default policy, on the real calendars.</summary>
public sealed class DeadlinePolicyTests
{
    /// <summary>Friday 2026-04-03 15:30, the afternoon before 清明 (Sat 04-04 to Mon 04-06 off).</summary>
    private static readonly DateTimeOffset FridayBeforeQingming = At(2026, 4, 3, 15, 30);

    private static Decision DispatchAt(DateTimeOffset at, string text, string? place = null, RequestType? requestType = null, WorkflowContext? context = null)
    {
        var decision = RouteDecision(Received(text, place, at, requestType: requestType, context: context), context);
        Assert.Equal(CaseStatus.Dispatched, decision.NewState!.Status);
        return decision;
    }

    [Fact]
    public void GeneralCategory_ServicePointFridayBeforeHoliday_SevenWorkingDaysIncludingSaturdayShift()
    {
        var state = DispatchAt(FridayBeforeQingming, RubbishText, RubbishPlace).NewState!;

        Assert.Equal(Dongzhai, state.UnitId);
        // Service points work till 20:00 on weekdays, so two working hours end the same evening.
        Assert.Equal(At(2026, 4, 3, 17, 30), state.AcknowledgeDueAt);
        // Working days: 04-07, 08, 09, 10, Sat 11 (morning shift), 13, 14; close of business 20:00.
        Assert.Equal(At(2026, 4, 14, 20, 0), state.RespondDueAt);
    }

    [Fact]
    public void GeneralCategory_DepartmentFridayBeforeHoliday_SevenOfficeDaysAfterTheHoliday()
    {
        var state = DispatchAt(FridayBeforeQingming, "东宅路口有流动摊贩占道经营").NewState!;

        Assert.Equal("chengguan", state.UnitId);
        Assert.Equal("street-vending", state.Category);
        // 15:30–17:00 is 1.5 h; the remaining 0.5 h is Tuesday after the holiday.
        Assert.Equal(At(2026, 4, 7, 9, 0), state.AcknowledgeDueAt);
        Assert.Equal(At(2026, 4, 15, 17, 0), state.RespondDueAt);
        Assert.Equal((DeadlineKind.Acknowledge, At(2026, 4, 7, 9, 0)), (state.NextDeadlineKind, state.NextDeadlineAt));
    }

    [Fact]
    public void ComplexCategory_FridayBeforeHoliday_FifteenWorkingDays()
    {
        var state = DispatchAt(FridayBeforeQingming, "东宅有人私搭乱建阳光房").NewState!;

        Assert.Equal("chengguan", state.UnitId);
        Assert.Equal("illegal-building", state.Category);
        Assert.Equal(At(2026, 4, 27, 17, 0), state.RespondDueAt);
    }

    [Fact]
    public void UtilityCategory_FridayBeforeHoliday_TwentyFourWallClockHours()
    {
        var state = DispatchAt(FridayBeforeQingming, "东宅停水了一整天").NewState!;

        Assert.Equal("guihua", state.UnitId);
        Assert.Equal("utility", state.Category);
        Assert.Equal(At(2026, 4, 4, 15, 30), state.RespondDueAt);
    }

    [Fact]
    public void UtilityCategory_UnitClosedOverTheWeekend_MovesOnWhenTheResponseIsDueNotAfterTheHoliday()
    {
        var state = DispatchAt(FridayBeforeQingming, "东宅停水了一整天").NewState!;

        // The office would only have to sign for it on Tuesday; the 24 h response is due Saturday.
        Assert.Equal(At(2026, 4, 4, 15, 30), state.AcknowledgeDueAt);
        Assert.Equal(DeadlineKind.Acknowledge, state.NextDeadlineKind);
        Assert.Equal(At(2026, 4, 4, 15, 30), state.NextDeadlineAt);
    }

    [Fact]
    public void Emergency_NoCategory_GoesToDispatchCentreWithTwoHourWallClockResponseAndTownAlert()
    {
        var decision = DispatchAt(FridayBeforeQingming, "东宅有很重的煤气味，怀疑燃气泄漏");

        var state = decision.NewState!;
        Assert.Equal(Urgency.Emergency, state.Urgency);
        Assert.Equal(TestTown.DispatchCentre, state.UnitId);
        Assert.Equal(Tier.Town, state.Tier);
        Assert.Equal(At(2026, 4, 3, 15, 45), state.AcknowledgeDueAt);
        Assert.Equal(At(2026, 4, 3, 17, 30), state.RespondDueAt);
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.TownAlert, Template: NotificationTemplates.Emergency });
    }

    [Fact]
    public void Emergency_UtilityCategory_GoesStraightToTheDepartmentPastOfficeHours()
    {
        var decision = DispatchAt(FridayBeforeQingming, "张泾路停气了，还闻到燃气泄漏");

        var state = decision.NewState!;
        Assert.Equal("guihua", state.UnitId);
        Assert.Equal(Tier.Department, state.Tier);
        // Wall-clock, not the office calendar (which closes at 17:00 and is off until Tuesday).
        Assert.Equal(At(2026, 4, 3, 15, 45), state.AcknowledgeDueAt);
        Assert.Equal(At(2026, 4, 3, 17, 30), state.RespondDueAt);
        Assert.Contains(decision.Effects, e => e is Notify { Audience: Audience.TownAlert });
    }

    [Fact]
    public void NormalCase_Dispatch_DoesNotAlertTheTown()
    {
        var decision = DispatchAt(FridayBeforeQingming, RubbishText, RubbishPlace);

        Assert.DoesNotContain(decision.Effects, e => e is Notify { Audience: Audience.TownAlert });
    }

    private static readonly WorkflowContext TownWithOwnRules = TestTown.ContextWith(new WorkflowPolicy
    {
        Respond =
        [
            new(DeadlineSpec.Parse("3 working days"), RequestType: RequestType.Complaint),
            new(DeadlineSpec.Parse("1 working day"), Tier: Tier.ServicePoint),
            new(DeadlineSpec.Parse("7 working days")),
        ],
    });

    [Fact]
    public void RequestTypeRule_ComplaintAtServicePoint_FirstMatchingRuleWins()
    {
        var state = DispatchAt(Tuesday, RubbishText, RubbishPlace, RequestType.Complaint, TownWithOwnRules).NewState!;

        // The tier rule matches too, but the complaint rule comes first: 11-25, 26, 27.
        Assert.Equal(At(2026, 11, 27, 20, 0), state.RespondDueAt);
    }

    [Fact]
    public void TierRule_SuggestionAtServicePoint_UsesTheTierRule()
    {
        var state = DispatchAt(Tuesday, RubbishText, RubbishPlace, RequestType.Suggestion, TownWithOwnRules).NewState!;

        Assert.Equal(At(2026, 11, 25, 20, 0), state.RespondDueAt);
    }

    [Fact]
    public void TierRule_SuggestionAtCommittee_FallsThroughToTheLastRule()
    {
        var state = DispatchAt(Tuesday, ParkingText, requestType: RequestType.Suggestion, context: TownWithOwnRules).NewState!;

        Assert.Equal(Village, state.UnitId);
        // 11-25, 26, 27, Sat 28 (morning shift), 30, 12-01, 12-02; the 8+3 evening shift closes at 20:00.
        Assert.Equal(At(2026, 12, 2, 20, 0), state.RespondDueAt);
    }

    [Fact]
    public void TierRule_AfterEscalationToCommittee_ResponseDeadlineFollowsTheNewTier()
    {
        var dispatched = DispatchAt(Tuesday, RubbishText, RubbishPlace, RequestType.Suggestion, TownWithOwnRules).NewState!;
        var due = Due(dispatched);

        var escalated = Accept(dispatched, due, TownWithOwnRules);

        Assert.Equal(Village, escalated.UnitId);
        Assert.Equal(TownWithOwnRules.Policy.Respond[2].Deadline.DueFrom(due.OccurredAt, TestTown.CalendarOf(Village)), escalated.RespondDueAt);
    }
}
