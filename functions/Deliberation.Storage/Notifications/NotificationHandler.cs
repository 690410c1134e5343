using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Deliberation.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace Deliberation.Storage.Notifications;

/// <summary>Delivers one notification to the people its audience names.</summary>
public interface INotificationSender
{
    Task SendAsync(NotificationRequest request, CancellationToken cancellationToken);
}

/// <summary>The <c>notifications</c> queue trigger.</summary>
public sealed class NotificationHandler(StorageClients clients, INotificationSender sender) : IQueueHandler
{
    public string QueueName => clients.Names.Notifications;

    public Task HandleAsync(string body, long dequeueCount, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize(body, StorageJson.Default.NotificationRequest)
            ?? throw new InvalidDataException("Empty notification message.");
        return sender.SendAsync(request, cancellationToken);
    }
}

/// <summary>
/// Without provider credentials (the local default), notifications land in a development outbox
/// table, one row per notification id, so a repeated delivery is stored once.
/// </summary>
public sealed partial class DevelopmentOutboxSender(StorageClients clients, ILogger<DevelopmentOutboxSender> logger) : INotificationSender
{
    private readonly TableClient _table = clients.Table(clients.Names.DevOutbox);

    public async Task SendAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(
                new TableEntity(request.CaseId, request.Id)
                {
                    ["Audience"] = request.Audience.ToString(),
                    ["Template"] = request.Template,
                    ["UnitId"] = request.UnitId,
                    ["Json"] = JsonSerializer.Serialize(request, StorageJson.Default.NotificationRequest),
                    ["CreatedAt"] = request.CreatedAt,
                },
                cancellationToken);
            LogStored(logger, request.CaseId, request.Audience, request.Template, request.UnitId);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Delivered before: once is enough.
        }
    }

    public async Task<IReadOnlyList<NotificationRequest>> ForCaseAsync(string caseId, CancellationToken cancellationToken)
    {
        var items = new List<NotificationRequest>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {caseId}"), cancellationToken: cancellationToken))
        {
            items.Add(JsonSerializer.Deserialize(row.GetString("Json"), StorageJson.Default.NotificationRequest)!);
        }

        return items;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dev outbox: {Template} for {Audience} of case {CaseId} (unit {UnitId})")]
    private static partial void LogStored(ILogger logger, string caseId, Deliberation.Domain.Workflow.Audience audience, string template, string? unitId);
}
