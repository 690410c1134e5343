using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using static Deliberation.Domain.Tests.Calendars.TestCalendars;
using static Deliberation.Domain.Tests.Workflow.Cases;

namespace Deliberation.Domain.Tests.Workflow;

/// <summary>催办: a reminder at 75 % of the working time to a deadline.</summary>
public sealed class ReminderTests
{
    [Fact]
    public void Dispatch_TuesdayHalfPastTen_RemindsAfterLunchAt75PercentOfWorkingTime()
    {
        // Service point: 08:30–11:30, 13:00–20:00. Two working hours from 10:30 end at 14:00; 1.5 h of
        // working time is 11:30 + 0.5 h = 13:30 (wall-clock 75 % would be 13:07:30).
        var received = Received(at: At(2026, 11, 24, 10, 30));

        var decision = RouteDecision(received);

        var state = decision.NewState!;
        Assert.Equal(At(2026, 11, 24, 14, 0), state.AcknowledgeDueAt);
        Assert.Contains(new ScheduleDeadline(DeadlineKind.Acknowledge, state.Phase, At(2026, 11, 24, 14, 0)), decision.Effects);
        Assert.Contains(new ScheduleDeadline(DeadlineKind.Remind, state.Phase, At(2026, 11, 24, 13, 30)), decision.Effects);
    }

    [Fact]
    public void RemindDeadline_Dispatched_NotifiesTheUnitAndKeepsStatusPhaseAndDeadline()
    {
        var dispatched = Dispatched();

        var decision = Apply(dispatched, Due(dispatched, DeadlineKind.Remind));

        var state = decision.NewState!;
        Assert.Equal(CaseStatus.Dispatched, state.Status);
        Assert.Equal(dispatched.Phase, state.Phase);
        Assert.Equal(dispatched.Version + 1, state.Version);
        Assert.Equal(dispatched.UnitId, state.UnitId);
        Assert.Equal((dispatched.NextDeadlineKind, dispatched.NextDeadlineAt), (state.NextDeadlineKind, state.NextDeadlineAt));
        var notice = Assert.Single(decision.Effects.OfType<Notify>());
        Assert.Equal((Audience.Unit, NotificationTemplates.CaseReminder, Dongzhai), (notice.Audience, notice.Template, notice.UnitId));
        Assert.Equal(dispatched.AcknowledgeDueAt!.Value.ToString("O"), notice.Data["dueAt"]);
        Assert.DoesNotContain(decision.Effects, e => e is ScheduleDeadline);
        Assert.False(decision.Timeline!.Public);
    }

    [Fact]
    public void RemindDeadline_Acknowledged_RemindsOfTheResponseDeadline()
    {
        var acknowledged = Acknowledged();

        var decision = Apply(acknowledged, Due(acknowledged, DeadlineKind.Remind));

        Assert.Equal(CaseStatus.Acknowledged, decision.NewState!.Status);
        var notice = Assert.Single(decision.Effects.OfType<Notify>());
        Assert.Equal(acknowledged.RespondDueAt!.Value.ToString("O"), notice.Data["dueAt"]);
    }

    [Fact]
    public void Acknowledge_ServicePointCase_RemindsAt75PercentOfWorkingTimeFromDispatchToResponseDeadline()
    {
        var dispatched = Dispatched();

        var decision = Apply(dispatched, Ack(dispatched));

        var state = decision.NewState!;
        var remind = Assert.Single(decision.Effects.OfType<ScheduleDeadline>(), d => d.Kind == DeadlineKind.Remind);
        Assert.Equal(state.Phase, remind.Phase);
        var calendar = TestTown.CalendarOf(Dongzhai);
        var whole = calendar.WorkingTimeBetween(Tuesday, state.RespondDueAt!.Value);
        Assert.Equal(whole * 0.75, calendar.WorkingTimeBetween(Tuesday, remind.DueAt));
        Assert.True(remind.DueAt < state.RespondDueAt);
    }

    /// <summary>Friday 2026-11-27, an ordinary Friday: offices close at 17:00 and reopen on Monday.</summary>
    private static DateTimeOffset Friday(int hour, int minute) => At(2026, 11, 27, hour, minute);

    private static Decision DispatchAt(DateTimeOffset at, string text, string? place = null)
    {
        var decision = RouteDecision(Received(text, place, at));
        Assert.Equal(CaseStatus.Dispatched, decision.NewState!.Status);
        return decision;
    }

    private static DateTimeOffset RemindAt(Decision decision) =>
        Assert.Single(decision.Effects.OfType<ScheduleDeadline>(), d => d.Kind == DeadlineKind.Remind).DueAt;

    [Fact]
    public void UtilityCase_DispatchedFridayHalfPastThree_RemindsAt75PercentOfTheWallClockDay()
    {
        // 24 wall-clock hours: due Saturday 15:30, reminded after 18 hours, not at 16:37 because the office closes at 17:00.
        var decision = DispatchAt(Friday(15, 30), "东宅停水了一整天");

        var state = decision.NewState!;
        Assert.Equal(("guihua", "utility"), (state.UnitId, state.Category));
        Assert.Equal(At(2026, 11, 28, 15, 30), state.AcknowledgeDueAt);
        Assert.Equal(At(2026, 11, 28, 9, 30), RemindAt(decision));
    }

    [Fact]
    public void UtilityCase_AcknowledgedFriday_RemindsOfTheResponseAt75PercentOfTheWallClockDay()
    {
        var dispatched = DispatchAt(Friday(15, 30), "东宅停水了一整天").NewState!;

        var decision = Apply(dispatched, new Acknowledge("ack-1", Friday(15, 40), Officer("guihua")));

        Assert.Equal(At(2026, 11, 28, 15, 30), decision.NewState!.RespondDueAt);
        Assert.Equal(At(2026, 11, 28, 9, 30), RemindAt(decision));
    }

    [Fact]
    public void EmergencyAtAnOfficeDepartment_TenMinutesBeforeClosing_RemindsOnTheWallClock()
    {
        // 15 minutes to acknowledge from 16:50: reminded at 17:01:15, although the office calendar closes at 17:00.
        var dispatched = DispatchAt(Friday(16, 50), "张泾路停气了，还闻到燃气泄漏");
        Assert.Equal((Urgency.Emergency, "guihua"), (dispatched.NewState!.Urgency, dispatched.NewState.UnitId));
        Assert.Equal(Friday(16, 50) + TimeSpan.FromMinutes(11.25), RemindAt(dispatched));

        // The 2-hour response: reminded 90 minutes after dispatch, at 18:20.
        var acknowledged = Apply(dispatched.NewState, new Acknowledge("ack-1", Friday(16, 55), Officer("guihua")));
        Assert.Equal(Friday(18, 50), acknowledged.NewState!.RespondDueAt);
        Assert.Equal(Friday(18, 20), RemindAt(acknowledged));
    }

    [Fact]
    public void WorkingTimeDeadline_DepartmentFridayAfternoon_KeepsRemindingAt75PercentOfWorkingTime()
    {
        // 2 working hours from Friday 16:00: one hour on Friday, one on Monday, due 09:30; 1.5 working hours is Monday 09:00.
        var decision = DispatchAt(Friday(16, 0), "东宅路口有流动摊贩占道经营");

        Assert.Equal("chengguan", decision.NewState!.UnitId);
        Assert.Equal(At(2026, 11, 30, 9, 30), decision.NewState.AcknowledgeDueAt);
        Assert.Equal(At(2026, 11, 30, 9, 0), RemindAt(decision));
    }
}
