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
        Assert.Equal((Audience.Unit, "case-reminder", Dongzhai), (notice.Audience, notice.Template, notice.UnitId));
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
}
