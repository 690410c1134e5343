namespace Deliberation.Host.Engine;

/// <summary>The in-process engine's settings: DurableTask.Core on Azure Storage, as Durable Functions runs it in Azure.</summary>
public sealed class DurableTaskEngineOptions
{
    public const string Section = "DurableTask";

    /// <summary>The task hub (its queues, tables and blobs); by default derived from the storage prefix.</summary>
    public string? HubName { get; set; }

    /// <summary>
    /// The task hub's own storage account, as a connection string; by default the app's (<c>Storage</c>). A busy app
    /// gives the engine's queues, history and leases an account of their own so that they do not slow the app's tables
    /// (under Functions: the Azure Storage provider's <c>connectionName</c> in host.json).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Control-queue partitions: how many workers can share the orchestrations.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>The longest an idle queue waits between polls (Durable Functions defaults to 30 s; a town's staff wait less).</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Keep a busy orchestration in memory between episodes instead of replaying its history each time.</summary>
    public bool ExtendedSessions { get; set; } = true;

    /// <summary>
    /// How long an idle case stays in memory. Each kept session holds one of <see cref="MaxConcurrentOrchestrations"/>:
    /// a long one with few slots makes every other case wait (the bench saw 200 cases queue behind 16 idle sessions).
    /// </summary>
    public TimeSpan ExtendedSessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a dequeued message stays invisible to other workers: a worker that dies holding one delays what it held
    /// by this much (DurableTask's default; Durable Functions' host.json calls them controlQueueVisibilityTimeout and
    /// workItemQueueVisibilityTimeout).
    /// </summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public int MaxConcurrentActivities { get; set; } = 16;

    /// <summary>Orchestration episodes are short and mostly wait on storage: many at once cost little.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>The task hub name for a storage prefix: letters and digits, 3 to 45 of them, starting with a letter.</summary>
    public string HubFor(string storagePrefix)
    {
        if (!string.IsNullOrEmpty(HubName))
        {
            return HubName;
        }

        var safe = new string(storagePrefix.Where(char.IsAsciiLetterOrDigit).ToArray());
        var hub = "Deliberation" + safe;
        return hub.Length > 45 ? hub[..45] : hub;
    }
}
