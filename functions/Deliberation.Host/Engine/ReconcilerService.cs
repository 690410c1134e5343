using Deliberation.Workflow;
using Deliberation.Workflow.Delivery;
using Microsoft.Extensions.Options;

namespace Deliberation.Host.Engine;

/// <summary>Looks for messages the cases have not applied in time, and delivers them again (see <see cref="DeliveryReconciler"/>).</summary>
public sealed partial class ReconcilerService(DeliveryReconciler reconciler, IOptions<WorkflowOptions> options, ILogger<ReconcilerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real time: how often we look, not what time it is.
        using var timer = new PeriodicTimer(options.Value.ReconcileInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await reconciler.ReconcileAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, e.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery reconciliation failed ({ErrorType}); tried again next interval")]
    private static partial void LogFailed(ILogger logger, string errorType);
}
