using Azure;
using Azure.Data.Tables;

namespace Deliberation.Storage.Intake;

/// <summary>
/// Case numbers residents can read out and type into an SMS: the local date and a daily sequence
/// (e.g. 202611230007), allocated by an ETag-checked counter row per day.
/// </summary>
public sealed class CaseNumbers(StorageClients clients, TimeProvider time, Directory.TownState town)
{
    private const string Partition = "case-number";
    private readonly TableClient _table = clients.Table(clients.Names.Counters);

    public async Task<string> NextAsync(CancellationToken cancellationToken)
    {
        var day = TimeZoneInfo.ConvertTime(time.GetUtcNow(), town.Zone).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        while (true)
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, day, cancellationToken: cancellationToken);
            try
            {
                if (!row.HasValue || row.Value is null)
                {
                    await _table.AddEntityAsync(new TableEntity(Partition, day) { ["Next"] = 2L }, cancellationToken);
                    return Format(day, 1);
                }

                var next = row.Value.GetInt64("Next") ?? 1;
                row.Value["Next"] = next + 1;
                await _table.UpdateEntityAsync(row.Value, row.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return Format(day, next);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another intake took this number; take the next one.
            }
        }
    }

    private static string Format(string day, long sequence) => $"{day}{sequence:D4}";
}
