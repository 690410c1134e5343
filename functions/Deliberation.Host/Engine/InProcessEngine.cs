using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Deliberation.Storage;
using Deliberation.Storage.Directory;
using Deliberation.Workflow;
using Deliberation.Workflow.Delivery;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Options;

namespace Deliberation.Host.Engine;

/// <summary>
/// Runs the app's orchestrations and activities in this process on DurableTask.Core's <see cref="TaskHubWorker"/> with
/// the Azure Storage provider (Azurite locally), through Microsoft.DurableTask's public shims: the same classes the
/// Functions app registers, the same task hub layout. Starts after the town is loaded (the orchestrations decide with it).
/// </summary>
public sealed partial class InProcessEngine(
    IServiceProvider services,
    IOptions<StorageOptions> storage,
    IOptions<DurableTaskEngineOptions> options,
    DurableClientAccessor accessor,
    TownState town,
    StorageRequestCounter counter,
    ILoggerFactory loggerFactory,
    ILogger<InProcessEngine> logger,
    TokenCredential? credential = null) : IHostedService, IAsyncDisposable
{
    private TaskHubWorker? _worker;
    private AzureStorageOrchestrationService? _service;

    public AzureStorageOrchestrationService Service => _service ?? throw new InvalidOperationException("The engine has not started.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!town.IsLoaded)
        {
            throw new InvalidOperationException("The workflow engine needs the town loaded first.");
        }

        var value = options.Value;
        var hub = value.HubFor(storage.Value.Prefix);

        // The engine's own storage requests are counted like the app's (the bench reports them), under "engine".
        using var label = StorageRequestCounter.Step("engine");
        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var queueOptions = new QueueClientOptions();
        queueOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        _service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = hub,
            StorageAccountClientProvider = ClientProvider(HubStorage(value, storage.Value), credential, blobOptions, queueOptions, tableOptions),
            PartitionCount = value.PartitionCount,
            MaxQueuePollingInterval = value.MaxQueuePollingInterval,
            ExtendedSessionsEnabled = value.ExtendedSessions,
            ExtendedSessionIdleTimeout = value.ExtendedSessionIdleTimeout,
            ControlQueueVisibilityTimeout = value.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = value.WorkItemQueueVisibilityTimeout,
            MaxConcurrentTaskActivityWorkItems = value.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = value.MaxConcurrentOrchestrations,
            LoggerFactory = loggerFactory,
        });
        await _service.CreateIfNotExistsAsync();

        // One data converter for the worker's shims and the client: payloads are read the way they were written.
        var workerOptions = new DurableTaskWorkerOptions();
        var shims = new DurableTaskShimFactory(workerOptions, loggerFactory);
        _worker = new TaskHubWorker(_service, loggerFactory);
        foreach (var (name, type) in WorkflowRegistry.Orchestrations)
        {
            _worker.AddTaskOrchestrations(new Creator<TaskOrchestration>(name, () => shims.CreateOrchestration(name, (ITaskOrchestrator)services.GetRequiredService(type))));
        }

        foreach (var (name, type) in WorkflowRegistry.Activities)
        {
            _worker.AddTaskActivities(new Creator<TaskActivity>(name, () => shims.CreateActivity(name, new LabelledActivity(name, (ITaskActivity)services.GetRequiredService(type)))));
        }

        await _worker.StartAsync();
        accessor.Default = new TaskHubDurableClient(_service, workerOptions.DataConverter);
        LogStarted(logger, hub, value.PartitionCount, string.IsNullOrWhiteSpace(value.ConnectionString) ? "the app's" : "its own");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_worker is not null)
        {
            await _worker.StopAsync(isForced: true);
            _worker = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _service?.Dispose();
    }

    /// <summary>The task hub's storage: its own account when one is set, else the app's.</summary>
    internal static StorageAccess HubStorage(DurableTaskEngineOptions engine, StorageOptions app) =>
        string.IsNullOrWhiteSpace(engine.ConnectionString) ? StorageAccess.From(app) : StorageAccess.From(new StorageOptions { ConnectionString = engine.ConnectionString });

    /// <summary>
    /// The task hub's clients on the app's storage access: the connection string, or the app's identity at the service
    /// endpoints (the engine needs the blob endpoint too, for its leases and large messages).
    /// </summary>
    internal static StorageAccountClientProvider ClientProvider(StorageAccess access, TokenCredential? credential, BlobClientOptions blobOptions, QueueClientOptions queueOptions, TableClientOptions tableOptions)
    {
        if (access.ConnectionString is { } connection)
        {
            return new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(connection, blobOptions),
                StorageServiceClientProvider.ForQueue(connection, queueOptions),
                StorageServiceClientProvider.ForTable(connection, tableOptions));
        }

        var identity = StorageAccess.Identity(credential);
        var blobs = access.BlobServiceUri ?? throw new InvalidOperationException("The workflow engine needs Storage:BlobServiceUri (or Storage:AccountName) to reach storage with the app's identity.");
        return new StorageAccountClientProvider(
            StorageServiceClientProvider.ForBlob(blobs, identity, blobOptions),
            StorageServiceClientProvider.ForQueue(access.QueueServiceUri!, identity, queueOptions),
            StorageServiceClientProvider.ForTable(access.TableServiceUri!, identity, tableOptions));
    }

    /// <summary>Makes a fresh orchestration or activity for each run, from the app's services.</summary>
    private sealed class Creator<T> : ObjectCreator<T>
    {
        private readonly Func<T> _create;

        public Creator(string name, Func<T> create)
        {
            Name = name;
            Version = string.Empty;
            _create = create;
        }

        public override T Create() => _create();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow engine started: task hub {Hub}, {Partitions} partition(s), on {Account} storage account")]
    private static partial void LogStarted(ILogger logger, string hub, int partitions, string account);
}
