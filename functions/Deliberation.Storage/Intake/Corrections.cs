using Azure.Data.Tables;

namespace Deliberation.Storage.Intake;

/// <summary>
/// Staff corrections of a case's category, kept as labelled examples (label, text) so that a retrain
/// learns the town's own usage. One row per case: the latest correction wins.
/// </summary>
public sealed class Corrections(StorageClients clients)
{
    private const string Partition = "correction";
    private readonly TableClient _table = clients.Table(clients.Names.Corrections);

    public Task AddAsync(string caseId, string label, string text, DateTimeOffset at, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(Partition, caseId) { ["Label"] = label, ["Text"] = text, ["At"] = at }, TableUpdateMode.Replace, cancellationToken);

    public async Task<IReadOnlyList<(string Label, string Text)>> AllAsync(CancellationToken cancellationToken)
    {
        var items = new List<(string, string)>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            items.Add((row.GetString("Label"), row.GetString("Text")));
        }

        return items;
    }
}
