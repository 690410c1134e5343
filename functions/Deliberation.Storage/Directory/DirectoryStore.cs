using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Deliberation.Domain.Directory;
using Deliberation.Domain.Workflow;

namespace Deliberation.Storage.Directory;

/// <summary>
/// The town directory in the <c>directory</c> table: one row per unit, representative and category,
/// and one for the town's settings and policy. Seeded from the town file at start; rows the file no
/// longer has are removed, so the table always says what the file says.
/// </summary>
public sealed class DirectoryStore(StorageClients clients)
{
    private const string UnitPartition = "unit";
    private const string RepresentativePartition = "representative";
    private const string CategoryPartition = "category";
    private const string SettingsPartition = "settings";
    private const string TownRow = "town";

    private readonly TableClient _table = clients.Table(clients.Names.Directory);

    public async Task SeedAsync(TownFile town, CancellationToken cancellationToken)
    {
        var directory = town.Directory;
        await ReplacePartitionAsync(UnitPartition, directory.Units.Select(u => (u.Id, Serialize(u))), cancellationToken);
        await ReplacePartitionAsync(RepresentativePartition, directory.Representatives.Select(r => (r.Id, Serialize(r))), cancellationToken);
        await ReplacePartitionAsync(CategoryPartition, directory.Catalogue.Select((c, i) => ($"{i:D3}-{c.Id}", Serialize(c))), cancellationToken);
        var settings = new Settings(directory.TownId, directory.TownName, directory.DispatchCentre, directory.EmergencyKeywords, town.Policy);
        await ReplacePartitionAsync(SettingsPartition, [(TownRow, Serialize(settings))], cancellationToken);
    }

    public async Task<TownFile> LoadAsync(CancellationToken cancellationToken)
    {
        var units = await ReadPartitionAsync<Unit>(UnitPartition, cancellationToken);
        var representatives = await ReadPartitionAsync<Representative>(RepresentativePartition, cancellationToken);
        var catalogue = await ReadPartitionAsync<CatalogueEntry>(CategoryPartition, cancellationToken);
        var settings = (await ReadPartitionAsync<Settings>(SettingsPartition, cancellationToken)).SingleOrDefault()
            ?? throw new InvalidDataException("The directory table has no town settings: seed it from the town file first.");
        var directory = new TownDirectory(settings.TownId, settings.TownName, settings.DispatchCentre, units, representatives, catalogue, settings.EmergencyKeywords);
        TownFile.Validate(directory);
        return new TownFile(directory, settings.Policy);
    }

    private async Task ReplacePartitionAsync(string partition, IEnumerable<(string RowKey, string Json)> rows, CancellationToken cancellationToken)
    {
        var wanted = rows.ToDictionary(r => r.RowKey, r => r.Json, StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        var existing = new Dictionary<string, string?>(StringComparer.Ordinal);
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            existing[row.RowKey] = row.GetString("Json");
        }

        var actions = new List<TableTransactionAction>();
        foreach (var (rowKey, json) in wanted.Where(w => !existing.TryGetValue(w.Key, out var old) || old != w.Value))
        {
            actions.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, rowKey) { ["Json"] = json }));
        }

        foreach (var stale in existing.Keys.Where(k => !wanted.ContainsKey(k)))
        {
            actions.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, stale), ETag.All));
        }

        foreach (var chunk in actions.Chunk(100))
        {
            await _table.SubmitTransactionAsync(chunk, cancellationToken);
        }
    }

    private async Task<List<T>> ReadPartitionAsync<T>(string partition, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        var items = new List<T>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            items.Add(JsonSerializer.Deserialize<T>(row.GetString("Json"), TownFile.Json)!);
        }

        return items;
    }

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TownFile.Json);

    private sealed record Settings(string TownId, string TownName, string DispatchCentre, IReadOnlyList<string> EmergencyKeywords, WorkflowPolicy Policy);
}
