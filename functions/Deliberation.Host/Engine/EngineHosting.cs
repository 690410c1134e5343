using Deliberation.Storage;
using Deliberation.Workflow;

namespace Deliberation.Host.Engine;

public static class EngineHosting
{
    /// <summary>The durable engine in this process: DurableTask.Core on Azure Storage, and the delivery reconciler.</summary>
    public static WebApplicationBuilder AddInProcessEngine(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DurableTaskEngineOptions>().BindConfiguration(DurableTaskEngineOptions.Section)
            .Validate(o => o.PartitionCount is >= 1 and <= 16 && o.MaxQueuePollingInterval > TimeSpan.Zero && o.ControlQueueVisibilityTimeout > TimeSpan.Zero && o.WorkItemQueueVisibilityTimeout >= TimeSpan.FromSeconds(20) && o.MaxConcurrentActivities > 0 && o.MaxConcurrentOrchestrations > 0, "DurableTask: partition count 1 to 16, positive polling interval, control queue visibility timeout and concurrency, and a work-item visibility timeout of 20 s at the least (a decision's activity relies on no second run of it starting sooner).")
            .ValidateOnStart();

        // The engine keeps leases and large messages in blobs: with the app's identity it needs the blob endpoint too.
        builder.Services.AddOptions<StorageOptions>()
            .Validate(
                o => !StorageAccess.TryChoose(o, out var access, out _) || !access.UsesIdentity || access.BlobServiceUri is not null,
                "The standalone host's workflow engine needs Storage:BlobServiceUri (or Storage:AccountName) to reach storage with the app's identity.")
            .ValidateOnStart();
        builder.Services.AddSingleton<InProcessEngine>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InProcessEngine>());
        builder.Services.AddHostedService<ReconcilerService>();
        return builder;
    }
}
