using Deliberation.Storage;
using Deliberation.Storage.Cases;
using Deliberation.Workflow.Cases;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Deliberation.Workflow.Delivery;

/// <summary>
/// Delivery to a case is at least once, with verification: a message recorded longer ago than
/// <see cref="WorkflowOptions.RedeliverAfter"/> that the case has not applied is raised again (the case ignores ids it
/// has seen), a new case whose orchestration never started is started, and a message to a case that has finished is
/// recorded as refused. Safe to run in several processes at once.
/// </summary>
public sealed partial class DeliveryReconciler(
    StorageClients clients,
    DeliveryLog deliveries,
    DurableCaseRuntime runtime,
    DurableClientAccessor durable,
    IOptions<WorkflowOptions> options,
    ILogger<DeliveryReconciler> logger)
{
    private readonly CaseStore _cases = new(clients.Cases);

    /// <summary>Handles what is overdue now; returns how many deliveries it acted on.</summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        // Real time: the rows' timestamps are the storage service's.
        var overdue = await deliveries.PendingAsync(TimeProvider.System.GetUtcNow() - options.Value.RedeliverAfter, options.Value.ReconcileBatch, cancellationToken);
        WorkflowTelemetry.Backlog(overdue.Count);
        var acted = 0;
        foreach (var delivery in overdue)
        {
            try
            {
                acted += await ReconcileAsync(delivery, cancellationToken) ? 1 : 0;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // One case in trouble must not hold up the others: its delivery stays for the next look.
                LogFailed(logger, delivery.CaseId, e.GetType().Name);
            }
        }

        return acted;
    }

    private async Task<bool> ReconcileAsync(PendingDelivery delivery, CancellationToken cancellationToken)
    {
        var instance = await durable.Client.GetInstanceAsync(delivery.CaseId, getInputsAndOutputs: false, cancellationToken);
        if (delivery.Kind == DeliveryKind.Start)
        {
            if (instance is not null)
            {
                // The orchestration clears its start itself; one that ended without doing so needs nothing more.
                if (instance.IsCompleted)
                {
                    await deliveries.ClearAsync(delivery.CaseId, delivery.MessageId, cancellationToken);
                }

                return false;
            }

            if (await _cases.GetStateAsync(delivery.CaseId, cancellationToken) is null)
            {
                // Intake stopped before the case was stored: nothing was accepted, and the channel will send it again.
                await deliveries.ClearAsync(delivery.CaseId, delivery.MessageId, cancellationToken);
                return true;
            }

            LogRestarted(logger, delivery.CaseId);
            await runtime.ScheduleAsync(delivery.CaseId, delivery.Payload, cancellationToken);
            return true;
        }

        if (await _cases.MarkerAsync(delivery.CaseId, delivery.MessageId, cancellationToken) is not null)
        {
            await deliveries.ClearAsync(delivery.CaseId, delivery.MessageId, cancellationToken);
            return true;
        }

        if (instance is null || instance.IsCompleted)
        {
            // The case has finished (or never existed): the message can no longer apply.
            if (await _cases.GetStateAsync(delivery.CaseId, cancellationToken) is { State: var state })
            {
                var message = WorkflowJson.Read<CaseDelivery>(delivery.Payload).Message;
                await _cases.RecordNotAppliedAsync(state, delivery.MessageId, message?.GetType().Name ?? "Message", refused: true, "案件已办结，此操作不再适用。", cancellationToken);
            }

            await deliveries.ClearAsync(delivery.CaseId, delivery.MessageId, cancellationToken);
            return true;
        }

        LogRedelivered(logger, delivery.CaseId);
        await durable.Client.RaiseEventAsync(delivery.CaseId, CaseOrchestration.MessageEvent, delivery.Payload, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: a message not applied in time is raised again")]
    private static partial void LogRedelivered(ILogger logger, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: its workflow had not started; starting it")]
    private static partial void LogRestarted(ILogger logger, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: reconciling a delivery failed ({ErrorType}); tried again next time")]
    private static partial void LogFailed(ILogger logger, string caseId, string errorType);
}
