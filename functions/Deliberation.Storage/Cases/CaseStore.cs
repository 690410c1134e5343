using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Deliberation.Domain.Privacy;
using Deliberation.Domain.Workflow;

namespace Deliberation.Storage.Cases;

/// <summary>What became of a message handed to a case.</summary>
public enum MessageOutcome
{
    Applied,
    Refused,
    Ignored,
}

/// <summary>
/// What storing a decision found: stored (now or before), or behind: the stored state, at
/// <see cref="StoredVersion"/>, is newer than the one the workflow decided on.
/// </summary>
/// <param name="Behind">The stored case is newer than the state the decision was made on: nothing was stored.</param>
/// <param name="Fresh">This call wrote the decision (not a second run finding it stored already).</param>
/// <param name="StateETag">The state row's ETag once this commit wrote it (when the store said), for the next commit to write on.</param>
public sealed record CommitResult(bool Behind, int StoredVersion = 0, bool Fresh = false, string? StateETag = null)
{
    public static readonly CommitResult Stored = new(false);

    public static CommitResult Written(string? stateETag) => new(false, Fresh: true, StateETag: stateETag);

    public static CommitResult BehindAt(int storedVersion) => new(true, storedVersion);
}

/// <summary>The record a case keeps of a message it was handed: the outcome, the version it was decided on, and why.</summary>
public sealed record MessageMarker(MessageOutcome Outcome, int Version, string? Reason);

/// <summary>
/// The case partition in the <c>cases</c> table: the state, the timeline, the record of each message the case was
/// handed, the reporter and co-reporters. The case's orchestration is its only writer; each change is one transaction.
/// </summary>
public sealed class CaseStore(TableClient table)
{
    /// <summary>The most characters of the state's JSON in one property (64 KiB of UTF-16 is 32,768).</summary>
    private const int PartChars = 30_000;

    /// <summary>The case's state and its ETag; null when there is no such case (or <paramref name="caseId"/> cannot be one).</summary>
    public async Task<(CaseState State, ETag ETag)?> GetStateAsync(string caseId, CancellationToken cancellationToken)
    {
        if (!StorageKey.IsValid(caseId))
        {
            return null;
        }

        var row = await table.GetEntityIfExistsAsync<TableEntity>(caseId, CaseRows.State, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? (ReadState(entity), entity.ETag) : null;
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

    /// <summary>The first reporter and the co-reporters of a case, in one query of its partition.</summary>
    public async Task<(Residents.StoredReporter? First, IReadOnlyList<CoReporter> CoReporters)> ReportersAsync(string caseId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {caseId} and (RowKey eq {CaseRows.Reporter} or (RowKey ge {CaseRows.CoReporterPrefix} and RowKey lt {CaseRows.CoReporterEnd}))");
        Residents.StoredReporter? first = null;
        var items = new List<CoReporter>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey", "Json"], cancellationToken: cancellationToken))
        {
            if (row.RowKey == CaseRows.Reporter)
            {
                first = JsonSerializer.Deserialize(row.GetString("Json"), StorageJson.Store.StoredReporter);
            }
            else
            {
                items.Add(JsonSerializer.Deserialize(row.GetString("Json"), StorageJson.Store.CoReporter)!);
            }
        }

        return (first, items.OrderBy(c => c.At).ToList());
    }

    public async Task<IReadOnlyList<CoReporter>> CoReportersAsync(string caseId, CancellationToken cancellationToken) =>
        (await ReportersAsync(caseId, cancellationToken)).CoReporters;

    /// <summary>
    /// The names the residents of a case gave in their own words (我叫张建国 …), the first reporter's and every
    /// co-reporter's: whatever is published of the case, or texted to another resident, masks them wherever they appear.
    /// </summary>
    public async Task<IReadOnlyList<string>> ReporterNamesAsync(CaseState state, CancellationToken cancellationToken) =>
        ReporterNames(state, await CoReportersAsync(state.CaseId, cancellationToken));

    /// <inheritdoc cref="ReporterNamesAsync"/>
    public static IReadOnlyList<string> ReporterNames(CaseState state, IEnumerable<CoReporter> coReporters) =>
        Redactor.NamesIn([state.Text, .. coReporters.Select(c => c.Text)]);

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
    /// Stores a new case as intake received it: state, first timeline row, the submission's id and the reporter, in one
    /// transaction. A second creation of the same case fails with 409 (a retried submission finds the first). Returns the
    /// state row's ETag, when the store gives it, for the workflow's first commit to write on.
    /// </summary>
    public async Task<string?> CreateAsync(CaseState state, TimelineEntry? timeline, string messageId, Residents.StoredReporter reporter, CancellationToken cancellationToken)
    {
        var caseId = state.CaseId;
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, StateRow(state)),
            new(TableTransactionActionType.Add, MarkerRow(caseId, messageId, state.Version, MessageOutcome.Applied, null)),
            new(TableTransactionActionType.Add, new TableEntity(caseId, CaseRows.Reporter) { ["Json"] = JsonSerializer.Serialize(reporter, StorageJson.Store.StoredReporter) }),
        };
        if (timeline is not null)
        {
            actions.Add(new(TableTransactionActionType.Add, TimelineRow(caseId, CaseRows.Timeline(timeline.Version), timeline)));
        }

        var created = await table.SubmitTransactionAsync(actions, cancellationToken);
        return StateETagOf(created);
    }

    /// <summary>
    /// Stores a decision the case's workflow made: state, timeline row and the applied message's id, in one transaction,
    /// on the condition that the stored state is the one the decision was made on. Storing the same message again
    /// changes nothing (the workflow's activities may run twice). A stored state as new as the decision's, from another
    /// message, means the workflow is behind its own record (an activity of an episode the engine lost ran anyway): the
    /// decision is not stored, and the workflow waits for the message it lost, which the engine hands it again.
    /// </summary>
    /// <remarks>
    /// <paramref name="onETag"/> is the state row's ETag as the workflow's previous commit left it: the row is then
    /// written on it without being read first. Any other write since (a second run of an activity) refuses it, and the
    /// row is read as without one.
    /// </remarks>
    public async Task<CommitResult> CommitAppliedAsync(CaseState state, TimelineEntry? timeline, string messageId, CancellationToken cancellationToken, string? onETag = null)
    {
        var caseId = state.CaseId;
        if (onETag is not null && await TryCommitAsync(state, timeline, messageId, new ETag(onETag), cancellationToken) is { } written)
        {
            return written;
        }

        while (true)
        {
            var stored = await StoredVersionAsync(caseId, cancellationToken);
            if (stored.Version >= state.Version)
            {
                return await MarkerAsync(caseId, messageId, cancellationToken) is { Outcome: MessageOutcome.Applied }
                    ? CommitResult.Stored
                    : CommitResult.BehindAt(stored.Version);
            }

            // Written in between (a second run of the same activity) when it fails: look again.
            if (await TryCommitAsync(state, timeline, messageId, stored.ETag, cancellationToken) is { } committed)
            {
                return committed;
            }
        }
    }

    /// <summary>The decision's rows in one transaction on the state row at <paramref name="etag"/>; null when the row has moved on.</summary>
    private async Task<CommitResult?> TryCommitAsync(CaseState state, TimelineEntry? timeline, string messageId, ETag etag, CancellationToken cancellationToken)
    {
        var caseId = state.CaseId;
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, StateRow(state), etag),
            new(TableTransactionActionType.UpsertReplace, MarkerRow(caseId, messageId, state.Version, MessageOutcome.Applied, null)),
        };
        if (timeline is not null)
        {
            actions.Add(new(TableTransactionActionType.UpsertReplace, TimelineRow(caseId, CaseRows.Timeline(timeline.Version), timeline)));
        }

        try
        {
            return CommitResult.Written(StateETagOf(await table.SubmitTransactionAsync(actions, cancellationToken)));
        }
        catch (TableTransactionFailedException e) when (e.Status == 412)
        {
            return null;
        }
    }

    /// <summary>The state row's ETag from a transaction whose first action wrote it.</summary>
    private static string? StateETagOf(Response<IReadOnlyList<Response>> transaction) =>
        transaction.Value is [var first, ..] && first.Headers.ETag is { } etag ? etag.ToString() : null;

    /// <summary>
    /// Records that a message reached the case but did not apply to the state it found (refused, with a row on the staff
    /// timeline), or changed nothing (ignored), so whoever sent it can be told. Not recorded when the stored state is
    /// newer than the one the workflow judged by: the workflow is behind its own record and judges again once caught up.
    /// </summary>
    public async Task<CommitResult> RecordNotAppliedAsync(CaseState state, string messageId, string messageType, bool refused, string? reason, CancellationToken cancellationToken)
    {
        var caseId = state.CaseId;
        var stored = await StoredVersionAsync(caseId, cancellationToken);
        if (await MarkerAsync(caseId, messageId, cancellationToken) is { Outcome: MessageOutcome.Applied })
        {
            return CommitResult.Stored;
        }

        if (stored.Version > state.Version)
        {
            return CommitResult.BehindAt(stored.Version);
        }

        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpsertReplace, MarkerRow(caseId, messageId, state.Version, refused ? MessageOutcome.Refused : MessageOutcome.Ignored, reason)),
        };
        if (refused)
        {
            var entry = new TimelineEntry(state.Version, state.UpdatedAt, "Refused", state.Status, state.UnitId, null, Truncate($"{messageType}: {reason}", 1000), Public: false);
            actions.Add(new(TableTransactionActionType.UpsertReplace, TimelineRow(caseId, CaseRows.Refusal(state.Version, messageId), entry)));
        }

        await table.SubmitTransactionAsync(actions, cancellationToken);
        return CommitResult.Stored;
    }

    private async Task<(int Version, ETag ETag)> StoredVersionAsync(string caseId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(caseId, CaseRows.State, select: ["Version"], cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity
            ? (entity.GetInt32("Version") ?? 0, entity.ETag)
            : throw new InvalidDataException($"Case {caseId} has no state row: intake stores it before its workflow starts.");
    }

    /// <summary>What became of a message the case was handed, or null when it has not been applied (or was never sent).</summary>
    public async Task<MessageMarker?> MarkerAsync(string caseId, string messageId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(caseId, CaseRows.Message(messageId), cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } entity)
        {
            return null;
        }

        // Rows written before outcomes were recorded are applied messages.
        var outcome = Enum.TryParse<MessageOutcome>(entity.GetString("Outcome"), out var parsed) ? parsed : MessageOutcome.Applied;
        return new MessageMarker(outcome, entity.GetInt32("Version") ?? 0, entity.GetString("Reason"));
    }

    /// <summary>
    /// The state row: its JSON in parts of at most <see cref="PartChars"/> characters (<c>Json</c>, then <c>Json1</c>,
    /// <c>Json2</c> …), since one string property holds at most 64 KiB and a case with long texts and many attachments
    /// may need more. The whole row stays far below the 1 MiB of an entity (<see cref="CaseWorkflow"/>'s bounds).
    /// </summary>
    private static TableEntity StateRow(CaseState state)
    {
        var row = new TableEntity(state.CaseId, CaseRows.State)
        {
            ["Version"] = state.Version,
            ["Status"] = state.Status.ToString(),
        };
        var json = JsonSerializer.Serialize(state, StorageJson.Store.CaseState);
        for (var (start, part) = (0, 0); start < json.Length; part++)
        {
            // Never split a surrogate pair between two parts.
            var length = Math.Min(PartChars, json.Length - start);
            if (start + length < json.Length && char.IsHighSurrogate(json[start + length - 1]))
            {
                length--;
            }

            row[PartName(part)] = json.Substring(start, length);
            start += length;
        }

        return row;
    }

    private static string PartName(int part) => part == 0 ? "Json" : $"Json{part}";

    private static TableEntity MarkerRow(string caseId, string messageId, int version, MessageOutcome outcome, string? reason) => new(caseId, CaseRows.Message(messageId))
    {
        ["MessageId"] = messageId.Length > 1000 ? messageId[..1000] : messageId,
        ["Version"] = version,
        ["Outcome"] = outcome.ToString(),
        ["Reason"] = reason is null ? null : Truncate(reason, 2000),
    };

    private static TableEntity TimelineRow(string caseId, string rowKey, TimelineEntry timeline) => new(caseId, rowKey)
    {
        ["Json"] = JsonSerializer.Serialize(timeline, StorageJson.Store.TimelineEntry),
        ["Event"] = timeline.Event,
    };

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    private static CaseState ReadState(TableEntity row)
    {
        var json = new System.Text.StringBuilder(row.GetString("Json"));
        for (var part = 1; row.GetString(PartName(part)) is { } more; part++)
        {
            json.Append(more);
        }

        return JsonSerializer.Deserialize(json.ToString(), StorageJson.Store.CaseState)
            ?? throw new InvalidDataException($"Case {row.PartitionKey} has an empty state row.");
    }

}
