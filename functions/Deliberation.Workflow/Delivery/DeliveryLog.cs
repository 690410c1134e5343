using Azure;
using Azure.Data.Tables;
using Deliberation.Storage;
using Deliberation.Storage.Cases;

namespace Deliberation.Workflow.Delivery;

/// <summary>A message recorded for a case and not yet known to be applied.</summary>
public sealed record PendingDelivery(string CaseId, string MessageId, DeliveryKind Kind, string Payload, DateTimeOffset RecordedAt);

public enum DeliveryKind
{
    /// <summary>A new case: the payload starts its orchestration.</summary>
    Start,

    /// <summary>A message to a running case: the payload is raised as its event.</summary>
    Message,
}

/// <summary>
/// Every message to a case is recorded here (<c>deliveries</c>: PartitionKey = case, RowKey = message id) before it is
/// raised, and cleared by the case once applied. What stays too long is raised again by the
/// <see cref="DeliveryReconciler"/>: the engine may drop an event raised at a just-created instance.
/// </summary>
public sealed class DeliveryLog(StorageClients clients)
{
    private readonly TableClient _table = clients.Table(clients.Names.Deliveries);

    /// <summary>
    /// Records a delivery. False when the same message is already recorded and not yet applied: another request (or an
    /// earlier attempt of this one) is delivering it, and its first payload stands.
    /// </summary>
    public async Task<bool> RecordAsync(string caseId, string messageId, DeliveryKind kind, string payload, CancellationToken cancellationToken)
    {
        var row = new TableEntity(caseId, CaseRowsKey.For(messageId))
        {
            ["MessageId"] = messageId,
            ["Kind"] = kind.ToString(),
            ["Payload"] = payload,
        };
        try
        {
            await _table.AddEntityAsync(row, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task ClearAsync(string caseId, string messageId, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(caseId, CaseRowsKey.For(messageId), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Cleared before (the activity ran twice, or the reconciler got there first).
        }
    }

    /// <summary>Deliveries recorded at or before <paramref name="recordedBy"/>, oldest pages first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<PendingDelivery>> PendingAsync(DateTimeOffset recordedBy, int max, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"Timestamp le {recordedBy}");
        var found = new List<PendingDelivery>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            found.Add(new PendingDelivery(
                row.PartitionKey,
                row.GetString("MessageId"),
                Enum.Parse<DeliveryKind>(row.GetString("Kind")),
                row.GetString("Payload"),
                row.Timestamp ?? recordedBy));
            if (found.Count >= max)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>Whether any delivery is still recorded (tests and the bench wait for none).</summary>
    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in _table.QueryAsync<TableEntity>(select: ["PartitionKey"], maxPerPage: 1, cancellationToken: cancellationToken))
        {
            return true;
        }

        return false;
    }
}
