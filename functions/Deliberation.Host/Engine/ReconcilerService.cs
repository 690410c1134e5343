using Deliberation.Api.Hosting;
using Deliberation.Workflow;
using Deliberation.Workflow.Delivery;
using Microsoft.Extensions.Options;

namespace Deliberation.Host.Engine;

/// <summary>Looks for messages the cases have not applied in time, and delivers them again (see <see cref="DeliveryReconciler"/>).</summary>
public sealed class ReconcilerService(DeliveryReconciler reconciler, IOptions<WorkflowOptions> options, ILogger<ReconcilerService> logger) : PeriodicWork(logger)
{
    protected override TimeSpan Interval => options.Value.ReconcileInterval;

    protected override string Name => "Delivery reconciliation";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken) => await reconciler.ReconcileAsync(cancellationToken);
}
