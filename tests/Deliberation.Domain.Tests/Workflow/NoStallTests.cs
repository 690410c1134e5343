using Deliberation.Domain.Workflow;
using static Deliberation.Domain.Tests.Workflow.Cases;

namespace Deliberation.Domain.Tests.Workflow;

/// <summary>DESIGN §2: every non-final state has a deadline that moves it on. Proven over every reachable state.</summary>
public sealed class NoStallTests
{
    private static IReadOnlyList<Step> Steps => Lifecycle.DemoTownSteps;

    [Fact]
    public void ReachableStates_FromDemoTownSubmissions_CoverEveryStatusAndEveryTransition()
    {
        Assert.Equal(Enum.GetValues<CaseStatus>().ToHashSet(), Steps.Select(s => s.After.Status).ToHashSet());

        var taken = Steps.Where(s => s.Before is not null).Select(s => (s.Before!.Status, s.After.Status)).ToHashSet();
        var missing = Transitions.All.Select(t => (t.From, t.To)).Distinct().Where(edge => !taken.Contains(edge)).ToList();
        Assert.True(missing.Count == 0, $"Never taken: {string.Join(", ", missing)}");
    }

    [Fact]
    public void EveryReachableNonFinalState_HasNextDeadlineScheduledForItsPhase()
    {
        foreach (var step in Steps.Where(s => !s.After.IsFinal))
        {
            var state = step.After;
            var where = $"{state.Status} at {state.UnitId}, phase {state.Phase}, after {step.Message?.GetType().Name ?? "Start"}";
            Assert.True(state.NextDeadlineAt is not null, $"{where}: no NextDeadlineAt");
            Assert.True(state.NextDeadlineKind is not null, $"{where}: no NextDeadlineKind");
            var expected = new ScheduleDeadline(state.NextDeadlineKind.Value, state.Phase, state.NextDeadlineAt.Value);
            Assert.True(
                step.ScheduledInPhase.Contains(expected),
                $"{where}: {expected} was never scheduled (scheduled: {string.Join(", ", step.ScheduledInPhase)})");
        }
    }

    [Fact]
    public void EveryDecision_ThatStartsANewPhase_SchedulesTheNextDeadlineItself()
    {
        // A reminder keeps the phase (the deadline set on entering it still stands); every other step starts a new one.
        foreach (var step in Steps.Where(s => !s.After.IsFinal && (s.Before is null || s.Before.Phase != s.After.Phase)))
        {
            var state = step.After;
            Assert.Contains(new ScheduleDeadline(state.NextDeadlineKind!.Value, state.Phase, state.NextDeadlineAt!.Value), step.Decision.Effects);
        }
    }

    [Fact]
    public void EveryDecision_SchedulesDeadlinesOnlyForTheNewPhase()
    {
        foreach (var step in Steps)
        {
            // Report-in timers run beside the case's own deadlines and carry the whistle's round instead.
            Assert.All(step.Decision.Effects.OfType<ScheduleDeadline>(), d => Assert.Equal(
                d.Kind == DeadlineKind.ReportIn ? step.After.Whistle!.Round : step.After.Phase,
                d.Kind == DeadlineKind.ReportIn ? WhistleCall.RoundOfTimer(d.Phase) : d.Phase));
        }
    }

    [Fact]
    public void PhaseKeepingSteps_AreRemindersRatingsSupportAndAttachmentsOnly_AndKeepTheNextDeadline()
    {
        var kept = Steps.Where(s => s.Before is not null && s.Before.Phase == s.After.Phase).ToList();

        Assert.NotEmpty(kept);
        Assert.All(kept, s =>
        {
            Assert.True(
                s.Message is DeadlineDue { Kind: DeadlineKind.Remind or DeadlineKind.ReportIn } or Rate { Score: not Satisfaction.Dissatisfied }
                    or CoReport or SplitReport or AddAttachment or Domain.Workflow.Support or RaiseObjection or Domain.Workflow.ReportIn or Domain.Workflow.Whistle,
                $"{s.Message.GetType().Name} kept the phase");
            Assert.Equal(s.Before!.Status, s.After.Status);
            Assert.Equal((s.Before.NextDeadlineKind, s.Before.NextDeadlineAt), (s.After.NextDeadlineKind, s.After.NextDeadlineAt));
        });
    }

    [Fact]
    public void EveryReachableNonFinalState_ItsNextDeadlineFiring_MovesItOn()
    {
        foreach (var state in Steps.Select(s => s.After).Where(s => !s.IsFinal))
        {
            var decision = Apply(state, Due(state));

            Assert.True(decision.Accepted, $"{state.Status} at {state.UnitId}: its own {state.NextDeadlineKind} deadline was not accepted ({decision.Rejection ?? decision.Ignored}): the case would stall");
            Assert.True(decision.NewState!.Phase > state.Phase, $"{state.Status} at {state.UnitId}: the {state.NextDeadlineKind} deadline did not start a new phase");
        }
    }

    [Fact]
    public void ClosedStates_HaveNoDeadline_AndTheClosingDecisionSchedulesNone()
    {
        var closing = Steps.Where(s => s.After.IsFinal).ToList();

        Assert.NotEmpty(closing);
        Assert.All(closing, s =>
        {
            Assert.Null(s.After.NextDeadlineAt);
            Assert.Null(s.After.NextDeadlineKind);
            Assert.DoesNotContain(s.Decision.Effects, e => e is ScheduleDeadline);
        });
    }

    [Fact]
    public void ClosedCase_AnyDeadline_IsIgnored()
    {
        var closed = Closed();

        foreach (var kind in Enum.GetValues<DeadlineKind>())
        {
            var decision = Apply(closed, Due(closed, kind));
            Assert.Null(decision.NewState);
            Assert.NotNull(decision.Ignored);
        }
    }
}
