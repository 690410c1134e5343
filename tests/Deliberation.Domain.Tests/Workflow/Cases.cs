using Deliberation.Domain.Workflow;
using static Deliberation.Domain.Tests.Calendars.TestCalendars;

namespace Deliberation.Domain.Tests.Workflow;

/// <summary>
/// Builds cases by driving the decider from <see cref="CaseWorkflow.Start"/> along real paths, so that every
/// state a test starts from is one the workflow can actually reach. Time never comes from the clock: the case
/// starts at <see cref="Tuesday"/> and each action happens ten minutes after the previous change.
/// </summary>
internal static class Cases
{
    /// <summary>Tuesday 2026-11-24 10:00 in Shanghai: an ordinary working morning.</summary>
    public static readonly DateTimeOffset Tuesday = At(2026, 11, 24, 10, 0);

    public const string Dongzhai = "sp-zhangjing-dongzhai";
    public const string Village = "v-zhangjing";
    public const string EnvironmentDepartment = "shirongsuo";

    /// <summary>Rubbish at 东宅: category environment, handled by the service point covering 东宅.</summary>
    public const string RubbishText = "东宅路口的垃圾桶满了好几天没人清运";
    public const string RubbishPlace = "张泾村东宅";

    /// <summary>Parking on 张泾路: a village-tier category, so the committee of 张泾村.</summary>
    public const string ParkingText = "张泾路上车辆乱停，经常堵路";

    /// <summary>A lift for an old building: a self-governance matter of 张泾村, straight onto the committee's agenda.</summary>
    public const string SelfGovernanceText = "东宅的老公房想加装电梯，希望大家一起商量";

    /// <summary>No keyword of the catalogue and no place: the dispatch centre triages it.</summary>
    public const string VagueText = "想了解一下办事的流程";

    public static readonly Actor Dispatcher = new("dispatcher-1", TestTown.DispatchCentre, "dispatcher");

    public static Actor Officer(string unitId) => new($"officer-of-{unitId}", unitId, "officer");

    /// <summary>Decides <paramref name="message"/> at the instant it occurred.</summary>
    public static Decision Apply(CaseState state, CaseMessage message, WorkflowContext? context = null) =>
        CaseWorkflow.Decide(state, message, context ?? TestTown.Context, message.OccurredAt);

    /// <summary>Decides and insists the message was accepted; the new state.</summary>
    public static CaseState Accept(CaseState state, CaseMessage message, WorkflowContext? context = null)
    {
        var decision = Apply(state, message, context);
        Assert.True(decision.Accepted, $"{message.GetType().Name} in {state.Status} was refused: {decision.Rejection ?? decision.Ignored}");
        return decision.NewState!;
    }

    public static Decision Submit(
        string text = RubbishText,
        string? place = RubbishPlace,
        DateTimeOffset? at = null,
        string? category = null,
        RequestType? requestType = null,
        Urgency? urgency = null,
        WorkflowContext? context = null)
    {
        var now = at ?? Tuesday;
        var submit = new Submit("submit-1", now, Channel.Hotline, text, place, category, requestType, urgency);
        return CaseWorkflow.Start("case-1", submit, context ?? TestTown.Context, now);
    }

    public static CaseState Received(
        string text = RubbishText,
        string? place = RubbishPlace,
        DateTimeOffset? at = null,
        string? category = null,
        RequestType? requestType = null,
        Urgency? urgency = null,
        WorkflowContext? context = null)
    {
        var decision = Submit(text, place, at, category, requestType, urgency, context);
        Assert.True(decision.Accepted, decision.Rejection);
        return decision.NewState!;
    }

    /// <summary>Routes a received case at the instant it was received.</summary>
    public static Decision RouteDecision(CaseState received, WorkflowContext? context = null) =>
        Apply(received, new Route("route-1", received.UpdatedAt), context);

    /// <summary>Rubbish at 东宅, dispatched to the service point.</summary>
    public static CaseState Dispatched() => Accept(Received(), new Route("route-1", Tuesday));

    public static CaseState Triage() => Accept(Received(VagueText, place: null), new Route("route-1", Tuesday));

    public static CaseState Acknowledged() => Accept(Dispatched(), Ack(Dispatched()));

    public static CaseState InProgress()
    {
        var acknowledged = Acknowledged();
        return Accept(acknowledged, Progress(acknowledged));
    }

    public static CaseState Responded()
    {
        var working = InProgress();
        return Accept(working, Respond(working));
    }

    public static CaseState Declined()
    {
        var working = InProgress();
        return Accept(working, Decline(working));
    }

    public static CaseState PublicReview()
    {
        var responded = Responded();
        return Accept(responded, Due(responded));
    }

    public static CaseState Closed()
    {
        var review = PublicReview();
        return Accept(review, Due(review));
    }

    /// <summary>Parking on 张泾路: dispatched to the village committee, acknowledged and referred to its meeting.</summary>
    public static CaseState InDeliberation()
    {
        var dispatched = Accept(Received(ParkingText, place: null), new Route("route-1", Tuesday));
        Assert.Equal(Village, dispatched.UnitId);
        var acknowledged = Accept(dispatched, Ack(dispatched));
        return Accept(acknowledged, Refer(acknowledged));
    }

    /// <summary>Parking on 张泾路, dispatched to the committee of 张泾村.</summary>
    public static CaseState ParkingDispatched() => Accept(Received(ParkingText, place: null), new Route("route-1", Tuesday));

    public static CaseState ParkingInProgress()
    {
        var acknowledged = Accept(ParkingDispatched(), Ack(ParkingDispatched()));
        return Accept(acknowledged, Progress(acknowledged));
    }

    /// <summary>The case with one co-report: one more resident's support puts it on the committee's agenda (threshold 3).</summary>
    public static CaseState OneShortOfAgenda(CaseState state) =>
        Accept(state, new CoReport($"co-{state.Version}", Later(state), Channel.Sms, "p-neighbour"));

    /// <summary>A referred parking case on the agenda of meeting-1, three days later.</summary>
    public static CaseState OnAgenda() => Accept(InDeliberation(), Schedule(InDeliberation()));

    /// <summary>The meeting decided on the parking case; its decision is under public review.</summary>
    public static CaseState DecisionReview(DeliberationOutcome outcome)
    {
        var onAgenda = OnAgenda();
        return Accept(onAgenda, Decided(onAgenda, outcome));
    }

    /// <summary>Objections from all but one of the residents needed to reopen the decision.</summary>
    public static CaseState OneObjectionShort(CaseState review)
    {
        while (review.Decision!.Objections < review.Decision.ObjectionsToReopen - 1)
        {
            review = Accept(review, Objection(review, $"objector-{review.Version}"));
        }

        return review;
    }

    /// <summary>Rubbish at 东宅: the committee blows the whistle, 城管 leads, 派出所 and 规划建设办 are summoned.</summary>
    public static CaseState Whistled() => Accept(Dispatched(), Whistle(Dispatched()));

    public static readonly Actor Representative = new("rep-yao-jianhua", "rep-yao-jianhua", "representative");

    /// <summary>Rubbish at 东宅 never acknowledged: escalated service point → committee → department → dispatch centre.</summary>
    public static CaseState DispatchedAtTop()
    {
        var state = Dispatched();
        for (var i = 0; i < 3; i++)
        {
            state = Accept(state, Due(state));
        }

        Assert.Equal(TestTown.DispatchCentre, state.UnitId);
        return state;
    }

    /// <summary>Ten minutes after the case last changed.</summary>
    public static DateTimeOffset Later(CaseState state) => state.UpdatedAt.AddMinutes(10);

    /// <summary>The deadline the case waits on, firing when due.</summary>
    public static DeadlineDue Due(CaseState state)
    {
        Assert.NotNull(state.NextDeadlineKind);
        Assert.NotNull(state.NextDeadlineAt);
        return Due(state, state.NextDeadlineKind.Value, state.Phase, state.NextDeadlineAt.Value);
    }

    /// <summary>A deadline of <paramref name="kind"/> for the case's current phase, firing ten minutes after its last change.</summary>
    public static DeadlineDue Due(CaseState state, DeadlineKind kind) => Due(state, kind, state.Phase, Later(state));

    public static DeadlineDue Due(CaseState state, DeadlineKind kind, int phase, DateTimeOffset at) =>
        new(DeadlineDue.IdFor(kind, phase), at, kind, phase, at);

    public static Acknowledge Ack(CaseState state) => new($"ack-{state.Version}", Later(state), Officer(state.UnitId!));

    public static ReportProgress Progress(CaseState state) => new($"progress-{state.Version}", Later(state), Officer(state.UnitId!), "已安排保洁员");

    public static Respond Respond(CaseState state) => new($"respond-{state.Version}", Later(state), Officer(state.UnitId!), "垃圾已清运，并增加了清运频次。");

    public static Decline Decline(CaseState state) => new($"decline-{state.Version}", Later(state), Officer(state.UnitId!), "该处为私人场地，不属于公共区域。");

    public static Transfer Transfer(CaseState state) => new($"transfer-{state.Version}", Later(state), Officer(state.UnitId!), "不属于本单位职责");

    public static Reassign Reassign(CaseState state, string unitId) => new($"reassign-{state.Version}", Later(state), Dispatcher, unitId);

    public static Escalate Escalate(CaseState state) => new($"escalate-{state.Version}", Later(state), Officer(state.UnitId!), "需要上级协调");

    public static ReferToDeliberation Refer(CaseState state) => new($"refer-{state.Version}", Later(state), Officer(state.UnitId!), "提交村民议事会");

    public static DeliberationDecided Decided(CaseState state, DeliberationOutcome outcome) =>
        new($"decided-{state.Version}", Later(state), state.Meeting?.MeetingId ?? "meeting-1", outcome, "在张泾路划定停车位");

    public static Support SupportFrom(CaseState state, string residentKey) => new(Support.IdFor(residentKey), Later(state), Channel.Sms, residentKey);

    public static ScheduleForMeeting Schedule(CaseState state, string meetingId = "meeting-1") =>
        new($"schedule-{state.Version}", Later(state), meetingId, Later(state).AddDays(3), "张泾村村委会议室");

    public static RaiseObjection Objection(CaseState state, string residentKey) =>
        new($"objection-{state.DeliberationRound}-{residentKey}", Later(state), Channel.Sms, residentKey, "停车位离我家窗户太近");

    public static Supervise Supervise(CaseState state) => new($"supervise-{state.Version}", Later(state), Representative, "群众反映强烈，请加快办理");

    public static Whistle Whistle(CaseState state) =>
        new($"whistle-{state.Version}", Later(state), Officer(Village), "chengguan", ["paichusuo", "guihua"], "占道堆物涉及多个部门");

    public static ReportIn ReportIn(CaseState state, string unitId) => new($"report-in-{unitId}-{state.Version}", Later(state), Officer(unitId), "已到场");

    public static Reopen Reopen(CaseState state) => new($"reopen-{state.Version}", Later(state), "居民不满意：垃圾仍未清运");
}
