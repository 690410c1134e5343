using Azure;
using Azure.Data.Tables;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Cases;

namespace Deliberation.Storage.Projections;

/// <summary>A case as a line in a unit's list or the public list.</summary>
public sealed record CaseSummary(
    string CaseId,
    CaseStatus Status,
    string? Category,
    string? UnitId,
    string? Village,
    Urgency Urgency,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? NextDeadlineAt,
    bool Overdue,
    int Reporters,
    bool HighPriority,
    int Version,
    bool Supervised = false);

/// <summary>Filters of the public list; null (or empty) means any.</summary>
public sealed record PublicCaseQuery(
    string? Village = null,
    string? Category = null,
    IReadOnlyCollection<CaseStatus>? Statuses = null,
    DateTimeOffset? ReceivedFrom = null,
    DateTimeOffset? ReceivedBefore = null);

/// <summary>
/// Read models kept in step with the cases: each unit's list (<c>unitcases</c>, PartitionKey = unit), each
/// village's list (<c>villagecases</c>, PartitionKey = village, for representatives' casebooks) and the public
/// list (<c>publiccases</c>). Rows carry the case version and are never overwritten by an older one, so refreshes
/// may run late, twice, or out of order.
/// </summary>
public sealed class CaseProjections(StorageClients clients, MonthlyCaseFacts monthly)
{
    public const string PublicPartition = "case";

    private readonly TableClient _units = clients.Table(clients.Names.UnitCases);
    private readonly TableClient _public = clients.Table(clients.Names.PublicCases);
    private readonly TableClient _villages = clients.Table(clients.Names.VillageCases);
    private readonly CaseStore _cases = new(clients.Cases);

    /// <summary>
    /// Brings the case's rows up to <paramref name="known"/> (or its stored state). <paramref name="formerVillage"/>: the
    /// village the case was in before this change, when it moved; its casebook row goes.
    /// </summary>
    /// <remarks>
    /// <paramref name="sole"/>: the caller has just stored this version itself and nothing newer can be written before it
    /// is done (a case's decisions are applied one after another), so the rows are replaced without reading them first.
    /// Otherwise (a second run of a decision, a repair) each row is read and replaced only if older.
    /// </remarks>
    public async Task RefreshAsync(string caseId, CaseState? known, CancellationToken cancellationToken, string? formerVillage = null, bool sole = false)
    {
        var state = known ?? (await _cases.GetStateAsync(caseId, cancellationToken))?.State;
        if (state is null)
        {
            return;
        }

        var write = sole ? (Func<TableClient, TableEntity, Task>)((table, row) => table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken))
            : (table, row) => WriteIfNewerAsync(table, row, state.Version, cancellationToken);
        var writes = new List<Task>();
        if (state.UnitId is not null)
        {
            writes.Add(write(_units, ToRow(state.UnitId, state)));
        }

        if (state.Village is not null)
        {
            writes.Add(write(_villages, ToRow(state.Village, state)));
        }

        writes.Add(write(_public, ToRow(PublicPartition, state)));
        writes.Add(write(monthly.Table, monthly.RowOf(state)));
        await Task.WhenAll(writes);

        foreach (var previous in state.UnitHistory.Where(u => u != state.UnitId).Distinct())
        {
            await DeleteIfNotNewerAsync(_units, previous, state, cancellationToken);
        }

        if (formerVillage is not null && formerVillage != state.Village)
        {
            await DeleteIfNotNewerAsync(_villages, formerVillage, state, cancellationToken);
        }
    }

    public async Task<(IReadOnlyList<CaseSummary> Items, string? Continuation)> ListUnitAsync(string unitId, CaseStatus? status, int pageSize, string? continuation, CancellationToken cancellationToken) =>
        await PageAsync(_units, unitId, status, pageSize, continuation, cancellationToken);

    public async Task<(IReadOnlyList<CaseSummary> Items, string? Continuation)> ListPublicAsync(CaseStatus? status, int pageSize, string? continuation, CancellationToken cancellationToken) =>
        await PageAsync(_public, PublicPartition, status, pageSize, continuation, cancellationToken);

    /// <summary>
    /// One page of the public list narrowed by <paramref name="query"/> (each filter optional): what the public site's
    /// case list and Open311's GET requests read.
    /// </summary>
    public async Task<(IReadOnlyList<CaseSummary> Items, string? Continuation)> QueryPublicAsync(PublicCaseQuery query, int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        var clauses = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {PublicPartition}") };
        if (query.Village is { } village)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Village eq {village}"));
        }

        if (query.Category is { } category)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Category eq {category}"));
        }

        if (query.Statuses is { Count: > 0 } statuses)
        {
            clauses.Add("(" + string.Join(" or ", statuses.Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}"))) + ")");
        }

        if (query.ReceivedFrom is { } from)
        {
            clauses.Add(TableClient.CreateQueryFilter($"ReceivedAt ge {from}"));
        }

        if (query.ReceivedBefore is { } before)
        {
            clauses.Add(TableClient.CreateQueryFilter($"ReceivedAt lt {before}"));
        }

        return await PageAsync(_public, string.Join(" and ", clauses), pageSize, continuation, cancellationToken);
    }

    /// <summary>One page of the cases of some villages (a representative's constituency), open ones only if asked.</summary>
    public async Task<(IReadOnlyList<CaseSummary> Items, string? Continuation)> ListVillagesAsync(IReadOnlyCollection<string> villages, bool openOnly, int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        if (villages.Count == 0)
        {
            return ([], null);
        }

        var partitions = string.Join(" or ", villages.Select(v => TableClient.CreateQueryFilter($"PartitionKey eq {v}")));
        var filter = openOnly ? $"({partitions}) and {OpenFilter}" : partitions;
        return await PageAsync(_villages, filter, pageSize, continuation, cancellationToken);
    }

    /// <summary>One case's line, from the public list (every case has one), or null.</summary>
    public async Task<CaseSummary?> FindAsync(string caseId, CancellationToken cancellationToken)
    {
        var row = await _public.GetEntityIfExistsAsync<TableEntity>(PublicPartition, caseId, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } value ? ToSummary(value) : null;
    }

    private static string OpenFilter => TableClient.CreateQueryFilter($"Status ne {nameof(CaseStatus.Closed)}");

    private static Task<(IReadOnlyList<CaseSummary>, string?)> PageAsync(TableClient table, string partition, CaseStatus? status, int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        var filter = status is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Status eq {status.ToString()}");
        return PageAsync(table, filter, pageSize, continuation, cancellationToken);
    }

    private static async Task<(IReadOnlyList<CaseSummary>, string?)> PageAsync(TableClient table, string filter, int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages(continuation, pageSize))
        {
            return (page.Values.Select(ToSummary).ToList(), page.ContinuationToken);
        }

        return ([], null);
    }

    private static Task WriteIfNewerAsync(TableClient table, string partition, CaseState state, CancellationToken cancellationToken) =>
        WriteIfNewerAsync(table, ToRow(partition, state), state.Version, cancellationToken);

    /// <summary>Adds the row, or replaces the stored one if it is of an older case version (ETag-checked; a race looks again).</summary>
    internal static async Task WriteIfNewerAsync(TableClient table, TableEntity row, int version, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
            try
            {
                if (!existing.HasValue || existing.Value is null)
                {
                    await table.AddEntityAsync(row, cancellationToken);
                }
                else if ((existing.Value.GetInt32("Version") ?? 0) < version)
                {
                    await table.UpdateEntityAsync(row, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // A concurrent refresh wrote first; look again.
            }
        }
    }

    private static async Task DeleteIfNotNewerAsync(TableClient table, string partition, CaseState state, CancellationToken cancellationToken)
    {
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(partition, state.CaseId, cancellationToken: cancellationToken);
        if (existing.HasValue && existing.Value is { } row && (row.GetInt32("Version") ?? 0) <= state.Version)
        {
            try
            {
                await table.DeleteEntityAsync(partition, state.CaseId, row.ETag, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Gone already, or rewritten by a newer version that put the case back with this unit.
            }
        }
    }

    private static TableEntity ToRow(string partition, CaseState state) => new(partition, state.CaseId)
    {
        ["Status"] = state.Status.ToString(),
        ["Category"] = state.Category,
        ["UnitId"] = state.UnitId,
        ["Village"] = state.Village,
        ["Urgency"] = state.Urgency.ToString(),
        ["ReceivedAt"] = state.ReceivedAt,
        ["UpdatedAt"] = state.UpdatedAt,
        ["NextDeadlineAt"] = state.NextDeadlineAt,
        ["Overdue"] = state.Overdue,
        ["Reporters"] = state.ReporterCount,
        ["HighPriority"] = state.HighPriority,
        ["Version"] = state.Version,
        ["Supervised"] = state.Supervision is not null,
    };

    private static CaseSummary ToSummary(TableEntity row) => new(
        row.RowKey,
        Enum.Parse<CaseStatus>(row.GetString("Status")),
        row.GetString("Category"),
        row.GetString("UnitId"),
        row.GetString("Village"),
        Enum.TryParse<Urgency>(row.GetString("Urgency"), out var urgency) ? urgency : Urgency.Normal,
        row.GetDateTimeOffset("ReceivedAt") ?? default,
        row.GetDateTimeOffset("UpdatedAt") ?? default,
        row.GetDateTimeOffset("NextDeadlineAt"),
        row.GetBoolean("Overdue") ?? false,
        row.GetInt32("Reporters") ?? 1,
        row.GetBoolean("HighPriority") ?? false,
        row.GetInt32("Version") ?? 0,
        row.GetBoolean("Supervised") ?? false);
}
