using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace Deliberation.Storage;

/// <summary>
/// The table and queue clients, all built with one pipeline (and one request counter), on the access the settings
/// choose (<see cref="StorageAccess"/>): a connection string, or the app's identity (the host's
/// <see cref="TokenCredential"/> when it registers one, else DefaultAzureCredential).
/// </summary>
public sealed class StorageClients
{
    private readonly TableServiceClient _tables;
    private readonly QueueServiceClient _queues;

    public StorageClients(IOptions<StorageOptions> options, StorageRequestCounter counter, TokenCredential? credential = null)
    {
        var value = options.Value;
        Names = new StorageNames(value.Prefix);
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var access = StorageAccess.From(value);
        _tables = access.Tables(tableOptions, credential);
        _queues = access.Queues(queueOptions, credential);
        Cases = Table(Names.Cases);
        Timers = Table(Names.Timers);
    }

    public StorageNames Names { get; }

    public TableClient Cases { get; }

    public TableClient Timers { get; }

    public TableClient Table(string name) => _tables.GetTableClient(name);

    public QueueClient Queue(string name) => _queues.GetQueueClient(name);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var table in Names.Tables)
        {
            await _tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        }

        foreach (var queue in Names.Queues)
        {
            await Queue(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    /// <summary>One cheap call to each service, for the health endpoint.</summary>
    public async Task<(bool Tables, bool Queues, string? Error)> ProbeAsync(CancellationToken cancellationToken)
    {
        string? error = null;
        var tables = await Try(async () => await Cases.GetAccessPoliciesAsync(cancellationToken));
        var queues = await Try(async () => await Queue(Names.WeChatInbox).GetPropertiesAsync(cancellationToken));
        return (tables, queues, error);

        async Task<bool> Try(Func<Task> probe)
        {
            try
            {
                await probe();
                return true;
            }
            catch (Exception e) when (e is Azure.RequestFailedException or Azure.Identity.AuthenticationFailedException or HttpRequestException or AggregateException or TaskCanceledException)
            {
                error ??= e.GetType().Name + ": " + e.Message.Split('\n')[0];
                return false;
            }
        }
    }
}
