using Azure.Data.Tables;
using Deliberation.Domain.Duplicates;

namespace Deliberation.Storage.Intake;

/// <summary>
/// Recent cases by place (or by unit when no place is known), with their text fingerprints: where a
/// new report looks for the case it may duplicate. Rows older than the window are simply not read.
/// </summary>
public sealed class DuplicateIndex(StorageClients clients)
{
    private readonly TableClient _table = clients.Table(clients.Names.RecentCases);

    public static string PartitionFor(string? place, string? unitId) => place is not null ? $"place-{Key(place)}" : $"unit-{unitId ?? "none"}";

    public async Task AddAsync(string caseId, DuplicateProbe probe, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(
            new TableEntity(PartitionFor(probe.Place, probe.UnitId), caseId)
            {
                ["Place"] = probe.Place,
                ["UnitId"] = probe.UnitId,
                ["Category"] = probe.Category,
                ["ReceivedAt"] = probe.At,
                ["Fingerprint"] = probe.Fingerprint.Serialize(),
            },
            TableUpdateMode.Replace,
            cancellationToken);

    public async Task<IReadOnlyList<DuplicateCandidate>> CandidatesAsync(DuplicateProbe probe, TimeSpan window, CancellationToken cancellationToken)
    {
        var since = probe.At - window;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionFor(probe.Place, probe.UnitId)} and ReceivedAt ge {since}");
        var items = new List<DuplicateCandidate>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            items.Add(new DuplicateCandidate(
                row.RowKey,
                row.GetString("Place"),
                row.GetString("UnitId"),
                row.GetString("Category"),
                row.GetDateTimeOffset("ReceivedAt") ?? since,
                TextFingerprint.Deserialize(row.GetString("Fingerprint"))));
        }

        return items;
    }

    private static string Key(string value) => Cases.CaseRowsKey.For(value);
}
