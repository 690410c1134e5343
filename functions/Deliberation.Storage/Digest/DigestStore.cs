using Azure.Data.Tables;
using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;

namespace Deliberation.Storage.Digest;

/// <summary>
/// The milestones waiting for the daily digest (table <c>digest</c>): PartitionKey = the digest day (yyyyMMdd in the
/// town's zone, see <see cref="DailyDigest.DayOf"/>), RowKey = <c>{recipient}|{caseId}|{notification id}</c>, so a
/// redelivered notice lands on the same row and a recipient's day is one range of the partition.
/// </summary>
public sealed class DigestStore(StorageClients clients)
{
    private readonly TableClient _table = clients.Table(clients.Names.Digest);

    public async Task AddAsync(DateOnly day, DigestEntry entry, string notificationId, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(
            new TableEntity(DailyDigest.PartitionOf(day), $"{entry.Recipient}|{entry.CaseId}|{notificationId}")
            {
                ["Recipient"] = entry.Recipient,
                ["CaseId"] = entry.CaseId,
                ["Milestone"] = entry.Milestone,
                ["Status"] = entry.Status?.ToString(),
                ["UnitId"] = entry.UnitId,
                ["At"] = entry.At,
            },
            TableUpdateMode.Replace,
            cancellationToken);

    /// <summary>Every recipient's milestones of the day.</summary>
    public Task<IReadOnlyList<DigestEntry>> DayAsync(DateOnly day, CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {DailyDigest.PartitionOf(day)}"), cancellationToken);

    /// <summary>Who has milestones on the day (their rows' recipient column only), each once, in order.</summary>
    public async Task<IReadOnlyList<string>> RecipientsAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var recipients = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {DailyDigest.PartitionOf(day)}"), select: ["Recipient"], cancellationToken: cancellationToken))
        {
            recipients.Add(row.GetString("Recipient") ?? "");
        }

        return [.. recipients];
    }

    /// <summary>One recipient's milestones of the day: the RowKeys from <c>{recipient}|</c> up to (not including) <c>{recipient}}</c>.</summary>
    public Task<IReadOnlyList<DigestEntry>> ForRecipientAsync(DateOnly day, string recipient, CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {DailyDigest.PartitionOf(day)} and RowKey ge {recipient + "|"} and RowKey lt {recipient + "}"}"), cancellationToken);

    private async Task<IReadOnlyList<DigestEntry>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        var entries = new List<DigestEntry>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(new DigestEntry(
                row.GetString("Recipient") ?? "",
                row.GetString("CaseId") ?? "",
                row.GetString("Milestone") ?? "",
                Enum.TryParse<CaseStatus>(row.GetString("Status"), out var status) ? status : null,
                row.GetString("UnitId"),
                row.GetDateTimeOffset("At") ?? default));
        }

        return entries;
    }
}
