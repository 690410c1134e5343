using Deliberation.Workflow;

namespace Deliberation.Host.Engine;

public static class EngineHosting
{
    /// <summary>The durable engine in this process: DurableTask.Core on Azure Storage, and the delivery reconciler.</summary>
    public static WebApplicationBuilder AddInProcessEngine(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DurableTaskEngineOptions>().BindConfiguration(DurableTaskEngineOptions.Section)
            .Validate(o => o.PartitionCount is >= 1 and <= 16 && o.MaxQueuePollingInterval > TimeSpan.Zero && o.ControlQueueVisibilityTimeout > TimeSpan.Zero && o.WorkItemQueueVisibilityTimeout > TimeSpan.Zero && o.MaxConcurrentActivities > 0 && o.MaxConcurrentOrchestrations > 0, "DurableTask: partition count 1 to 16, positive polling interval, visibility timeouts and concurrency.")
            .ValidateOnStart();
        builder.Services.AddSingleton<InProcessEngine>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InProcessEngine>());
        builder.Services.AddHostedService<ReconcilerService>();
        return builder;
    }
}
