using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Deliberation.Domain.Workflow;

namespace Deliberation.Storage.Cases;

/// <summary>An effect committed with the state that asked for it, not yet carried out.</summary>
public sealed record OutboxItem(string RowKey, CaseEffect? Effect)
{
    /// <summary>An item with no effect refreshes the case's read models (unit lists, public list).</summary>
    public bool IsProjection => Effect is null;
}

/// <summary>A case as loaded for deciding: its state with the ETag to commit against.</summary>
public sealed record LoadedCase(CaseState State, ETag ETag, bool MessageApplied, IReadOnlyList<OutboxItem> Outbox);

/// <summary>
/// The case partition in the <c>cases</c> table. A change is one transaction: the state (ETag checked),
/// a timeline row, the applied message id and the outbox, so either all of it is stored or none.
/// </summary>
public sealed class CaseStore(TableClient table)
{
    public async Task<LoadedCase?> LoadAsync(string caseId, string? messageId, CancellationToken cancellationToken)
    {
        // One query fetches the state, the duplicate marker and any pending outbox.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {caseId} and (RowKey eq {CaseRows.State} or RowKey eq {CaseRows.Message(messageId ?? "-")} or (RowKey ge {CaseRows.OutboxPrefix} and RowKey lt {CaseRows.OutboxEnd}))");
        TableEntity? state = null;
        var applied = false;
        var outbox = new List<OutboxItem>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey == CaseRows.State)
            {
                state = row;
            }
            else if (row.RowKey.StartsWith(CaseRows.OutboxPrefix, StringComparison.Ordinal))
            {
                outbox.Add(ToOutboxItem(row));
            }
            else
            {
                applied = true;
            }
        }

        return state is null ? null : new LoadedCase(ReadState(state), state.ETag, applied, outbox);
    }

    /// <summary>Whether the case has applied the message (its id is recorded with the change it made).</summary>
    public async Task<bool> HasAppliedAsync(string caseId, string messageId, CancellationToken cancellationToken) =>
        (await table.GetEntityIfExistsAsync<TableEntity>(caseId, CaseRows.Message(messageId), select: ["RowKey"], cancellationToken: cancellationToken)).HasValue;

    public async Task<(CaseState State, ETag ETag)?> GetStateAsync(string caseId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(caseId, CaseRows.State, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? (ReadState(entity), entity.ETag) : null;
    }

    public async Task<IReadOnlyList<OutboxItem>> PendingOutboxAsync(string caseId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {caseId} and RowKey ge {CaseRows.OutboxPrefix} and RowKey lt {CaseRows.OutboxEnd}");
        var items = new List<OutboxItem>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            items.Add(ToOutboxItem(row));
        }

        return items;
    }

    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(string caseId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {caseId} and RowKey ge {CaseRows.TimelinePrefix} and RowKey lt {"evt|~"}");
        var entries = new List<TimelineEntry>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["Json"], cancellationToken: cancellationToken))
        {
            entries.Add(JsonSerializer.Deserialize(row.GetString("Json"), StorageJson.Store.TimelineEntry)!);
        }

        return entries;
    }

    public async Task<Residents.StoredReporter?> ReporterAsync(string caseId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(caseId, CaseRows.Reporter, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? JsonSerializer.Deserialize(entity.GetString("Json"), StorageJson.Store.StoredReporter) : null;
    }

    /// <summary>A co-reporter's contact and words, kept in the case's partition until the report is split off.</summary>
    public async Task AddCoReporterAsync(string caseId, CoReporter coReporter, CancellationToken cancellationToken) =>
        await table.UpsertEntityAsync(
            new TableEntity(caseId, CaseRows.CoReporterPrefix + coReporter.Key)
            {
                ["Json"] = JsonSerializer.Serialize(coReporter, StorageJson.Store.CoReporter),
            },
            TableUpdateMode.Replace,
            cancellationToken);

    public async Task<IReadOnlyList<CoReporter>> CoReportersAsync(string caseId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {caseId} and RowKey ge {CaseRows.CoReporterPrefix} and RowKey lt {CaseRows.CoReporterEnd}");
        var items = new List<CoReporter>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            items.Add(JsonSerializer.Deserialize(row.GetString("Json"), StorageJson.Store.CoReporter)!);
        }

        return items.OrderBy(c => c.At).ToList();
    }

    public async Task RemoveCoReporterAsync(string caseId, string key, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(caseId, CaseRows.CoReporterPrefix + key, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already split off.
        }
    }

    /// <summary>
    /// Commits a decision. <paramref name="etag"/> null means the case is new (the state row is added,
    /// so a second creation fails). Throws <see cref="TableTransactionFailedException"/> with 409 or 412
    /// when another writer got there first, including when the message was already applied.
    /// </summary>
    public async Task<IReadOnlyList<OutboxItem>> CommitAsync(
        CaseState state,
        ETag? etag,
        TimelineEntry? timeline,
        string messageId,
        IReadOnlyList<CaseEffect> effects,
        Residents.StoredReporter? reporter,
        CancellationToken cancellationToken)
    {
        var caseId = state.CaseId;
        var actions = new List<TableTransactionAction>();
        var stateRow = new TableEntity(caseId, CaseRows.State)
        {
            ["Json"] = JsonSerializer.Serialize(state, StorageJson.Store.CaseState),
            ["Version"] = state.Version,
            ["Status"] = state.Status.ToString(),
        };
        actions.Add(etag is { } tag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, stateRow, tag)
            : new TableTransactionAction(TableTransactionActionType.Add, stateRow));
        actions.Add(new(TableTransactionActionType.Add, new TableEntity(caseId, CaseRows.Message(messageId)) { ["MessageId"] = messageId, ["Version"] = state.Version }));
        if (timeline is not null)
        {
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(caseId, CaseRows.Timeline(timeline.Version))
            {
                ["Json"] = JsonSerializer.Serialize(timeline, StorageJson.Store.TimelineEntry),
                ["Event"] = timeline.Event,
            }));
        }

        if (reporter is not null)
        {
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(caseId, CaseRows.Reporter) { ["Json"] = JsonSerializer.Serialize(reporter, StorageJson.Store.StoredReporter) }));
        }

        var outbox = new List<OutboxItem>();
        for (var i = 0; i < effects.Count; i++)
        {
            outbox.Add(new OutboxItem(CaseRows.Outbox(state.Version, i), effects[i]));
        }

        // The read models follow every change; refreshing them is the last item of the outbox.
        outbox.Add(new OutboxItem(CaseRows.Outbox(state.Version, 999), null));
        foreach (var item in outbox)
        {
            var row = new TableEntity(caseId, item.RowKey);
            if (item.Effect is not null)
            {
                row["Json"] = JsonSerializer.Serialize(item.Effect, StorageJson.Store.CaseEffect);
            }

            actions.Add(new(TableTransactionActionType.Add, row));
        }

        await table.SubmitTransactionAsync(actions, cancellationToken);
        return outbox;
    }

    public async Task DeleteOutboxAsync(string caseId, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(caseId, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Another process carried it out and deleted it first.
        }
    }

    private static CaseState ReadState(TableEntity row) =>
        JsonSerializer.Deserialize(row.GetString("Json"), StorageJson.Store.CaseState)
        ?? throw new InvalidDataException($"Case {row.PartitionKey} has an empty state row.");

    private static OutboxItem ToOutboxItem(TableEntity row) =>
        new(row.RowKey, row.GetString("Json") is { } json ? JsonSerializer.Deserialize(json, StorageJson.Store.CaseEffect) : null);
}
