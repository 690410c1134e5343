using System.Diagnostics;
using System.Diagnostics.Metrics;
using Deliberation.Domain.Workflow;

namespace Deliberation.Workflow;

/// <summary>
/// The workflow's spans and metrics, recorded by activities and the reconciler (never by the orchestration, which
/// replays). Tags carry case ids, units, message types and timeline events only.
/// </summary>
public static class WorkflowTelemetry
{
    public const string Name = "Deliberation.Workflow";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Decisions = Meter.CreateCounter<long>(
        "deliberation.decisions", "{decision}", "Decisions made durable, per outcome (start, applied, refused, ignored), message type and timeline event.");

    private static readonly Counter<long> OverdueEscalations = Meter.CreateCounter<long>(
        "deliberation.escalations.overdue", "{escalation}", "Deadlines that passed and raised the case (escalated to the next tier, or an overdue alert at the top), per event and unit.");

    /// <summary>-1 until a reconcile has looked.</summary>
    private static long _overdueDeliveries = -1;

    static WorkflowTelemetry() =>
        Meter.CreateObservableGauge(
            "deliberation.deliveries.overdue",
            ObserveBacklog,
            "{message}",
            "Messages to cases recorded longer ago than Workflow:RedeliverAfter and not yet applied, as the last reconcile found them (at most Workflow:ReconcileBatch): the orchestration backlog.");

    public static class Tags
    {
        public const string CaseId = "deliberation.case_id";
        public const string Outcome = "deliberation.outcome";
        public const string Message = "deliberation.message";
        public const string Event = "deliberation.event";
        public const string Unit = "deliberation.unit";
    }

    public static void Decided(string outcome, string messageType, TimelineEntry? timeline)
    {
        Decisions.Add(1, new(Tags.Outcome, outcome), new(Tags.Message, messageType), new(Tags.Event, timeline?.Event));

        // A deadline's own message raising the case, not a person escalating it.
        if (messageType == nameof(DeadlineDue) && timeline is { Event: TimelineEvents.Escalated or TimelineEvents.OverdueAlert })
        {
            OverdueEscalations.Add(1, new(Tags.Event, timeline.Event), new(Tags.Unit, timeline.UnitId));
        }
    }

    public static void Backlog(int overdueDeliveries) => Interlocked.Exchange(ref _overdueDeliveries, overdueDeliveries);

    private static IEnumerable<Measurement<long>> ObserveBacklog()
    {
        var seen = Interlocked.Read(ref _overdueDeliveries);
        return seen < 0 ? [] : [new Measurement<long>(seen)];
    }
}
