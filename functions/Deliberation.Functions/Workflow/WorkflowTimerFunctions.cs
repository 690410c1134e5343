using Deliberation.Storage.Timers;
using Deliberation.Workflow.Delivery;
using Microsoft.DurableTask.Client;

namespace Deliberation.Functions.Workflow;

/// <summary>
/// The standalone host's background loops as timer triggers (a worker's own loops would not have a durable client,
/// and a Consumption plan does not keep the worker running for them).
/// </summary>
public sealed class WorkflowTimerFunctions(DeliveryReconciler reconciler, DeadlineSweeper sweeper)
{
    /// <summary>Every 15 s, as Workflow:ReconcileInterval by default.</summary>
    public const string ReconcileSchedule = "*/15 * * * * *";

    /// <summary>Every 30 s, as Runtime:SweepInterval by default.</summary>
    public const string SweepSchedule = "*/30 * * * * *";

    /// <summary>Raises again the messages the cases have not applied in time, and starts cases whose orchestration never started.</summary>
    [Function("ReconcileDeliveries")]
    public async Task ReconcileAsync([TimerTrigger(ReconcileSchedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        DurableClientAccessor.Use(client);
        await reconciler.ReconcileAsync(context.CancellationToken);
    }

    /// <summary>Housekeeping: expired objection codes, meetings' messages to cases that a failure left behind.</summary>
    [Function("HousekeepingSweep")]
    public async Task SweepAsync([TimerTrigger(SweepSchedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        DurableClientAccessor.Use(client);
        await sweeper.SweepAsync(context.CancellationToken);
    }
}
