using Azure;
using Azure.Data.Tables;
using Deliberation.Domain.Workflow;

namespace Deliberation.Storage.Residents;

/// <summary>A location or image a resident sent before any open case of theirs existed.</summary>
public sealed record PendingAttachment(string MessageId, AttachmentKind Kind, string Reference, string? Label, DateTimeOffset At);

/// <summary>
/// Attachments waiting for the resident's next suggestion: one row per message under the resident's key
/// (a keyed hash, never the contact), taken when the next suggestion is filed and void after a short time.
/// </summary>
public sealed class PendingAttachments(StorageClients clients)
{
    private readonly TableClient _table = clients.Table(clients.Names.PendingAttachments);

    /// <summary>Idempotent: a redelivered message writes the same row.</summary>
    public async Task AddAsync(string residentKey, PendingAttachment attachment, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(
            new TableEntity(residentKey, attachment.MessageId)
            {
                ["Kind"] = attachment.Kind.ToString(),
                ["Reference"] = attachment.Reference,
                ["Label"] = attachment.Label,
                ["At"] = attachment.At,
            },
            TableUpdateMode.Replace,
            cancellationToken);

    /// <summary>The resident's attachments sent after <paramref name="notBefore"/>, oldest first.</summary>
    public async Task<IReadOnlyList<PendingAttachment>> ForAsync(string residentKey, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        var items = new List<PendingAttachment>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {residentKey}"), cancellationToken: cancellationToken))
        {
            var at = row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue;
            if (at >= notBefore && Enum.TryParse<AttachmentKind>(row.GetString("Kind"), out var kind) && row.GetString("Reference") is { } reference)
            {
                items.Add(new PendingAttachment(row.RowKey, kind, reference, row.GetString("Label"), at));
            }
        }

        return items.OrderBy(a => a.At).ToList();
    }

    /// <summary>Removes every row of the resident (taken or expired); a row already gone is fine.</summary>
    public async Task ClearAsync(string residentKey, CancellationToken cancellationToken)
    {
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {residentKey}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            try
            {
                await _table.DeleteEntityAsync(residentKey, row.RowKey, ETag.All, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Taken by a concurrent submission.
            }
        }
    }
}
