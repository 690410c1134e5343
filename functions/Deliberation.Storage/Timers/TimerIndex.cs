using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Deliberation.Storage.Timers;

/// <summary>
/// A due timer: the tidying of a public objection's code rows (<see cref="Subject"/>: the resident's key, a keyed hash).
/// Case deadlines are durable timers of the cases' orchestrations, not rows here.
/// </summary>
public sealed record TimerRow(string PartitionKey, string RowKey, string CaseId, string Kind, int Phase, DateTimeOffset DueAt, string? Subject = null)
{
    public const string PendingObjectionKind = "pending-objection";
}

/// <summary>
/// The housekeeping timers. PartitionKey is the UTC minute the timer is due in, so "everything due by now" is one
/// range query; rows are deleted once handled.
/// </summary>
public sealed class TimerIndex(TableClient table)
{
    public static string Bucket(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    /// <summary>When a public objection's code rows (the objection waiting for its code, the mobile's send count) may go.</summary>
    public Task AddPendingObjectionTidyAsync(string caseId, string residentKey, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        UpsertAsync(new TimerRow(Bucket(dueAt), $"{caseId}|{TimerRow.PendingObjectionKind}|{residentKey}", caseId, TimerRow.PendingObjectionKind, 0, dueAt, residentKey), cancellationToken);

    public async Task<IReadOnlyList<TimerRow>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey le {Bucket(now)}");
        var rows = new List<TimerRow>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            var row = new TimerRow(entity.PartitionKey, entity.RowKey, entity.GetString("CaseId"), entity.GetString("Kind"), entity.GetInt32("Phase") ?? 0, entity.GetDateTimeOffset("DueAt") ?? now, entity.GetString("Subject"));
            if (row.DueAt <= now)
            {
                rows.Add(row);
            }

            if (rows.Count >= max)
            {
                break;
            }
        }

        return rows;
    }

    public async Task DeleteAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already handled by another process.
        }
    }

    private Task UpsertAsync(TimerRow row, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(
            new TableEntity(row.PartitionKey, row.RowKey)
            {
                ["CaseId"] = row.CaseId,
                ["Kind"] = row.Kind,
                ["Phase"] = row.Phase,
                ["DueAt"] = row.DueAt,
                ["Subject"] = row.Subject,
            },
            TableUpdateMode.Replace,
            cancellationToken);
}
