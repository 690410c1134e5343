using System.Globalization;
using Azure.Data.Tables;
using Deliberation.Domain.Publication;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Directory;

namespace Deliberation.Storage.Projections;

/// <summary>
/// The read model behind the monthly rates (<c>monthlycases</c>): one row per case in the partition of the month it
/// was received (town time, <c>yyyy-MM</c>), holding only what <see cref="MonthlyRates"/> counts. A month's figures
/// read one partition instead of every case; rows carry the case version and never go backwards, like the other lists.
/// </summary>
public sealed class MonthlyCaseFacts(StorageClients clients, TownState town)
{
    public const string MonthFormat = "yyyy-MM";

    private readonly TableClient _table = clients.Table(clients.Names.MonthlyCases);

    internal TableClient Table => _table;

    /// <summary>The case's row: in the partition of the month it was received.</summary>
    internal TableEntity RowOf(CaseState state) => ToRow(MonthOf(state.ReceivedAt), CaseFacts.Of(state), state.Version);

    /// <summary>Every case received in the month (one partition, paged through by the SDK).</summary>
    public async Task<IReadOnlyList<CaseFacts>> ForMonthAsync(DateOnly month, CancellationToken cancellationToken)
    {
        var facts = new List<CaseFacts>();
        var partition = month.ToString(MonthFormat, CultureInfo.InvariantCulture);
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            facts.Add(FromRow(row));
        }

        return facts;
    }

    private string MonthOf(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, town.Zone).ToString(MonthFormat, CultureInfo.InvariantCulture);

    private static TableEntity ToRow(string month, CaseFacts facts, int version) => new(month, facts.CaseId)
    {
        ["Version"] = version,
        ["UnitId"] = facts.UnitId,
        ["Category"] = facts.Category,
        ["DispatchedAt"] = facts.DispatchedAt,
        ["AcknowledgeDueAt"] = facts.AcknowledgeDueAt,
        ["AcknowledgedAt"] = facts.AcknowledgedAt,
        ["RespondDueAt"] = facts.RespondDueAt,
        ["RespondedAt"] = facts.RespondedAt,
        ["Replied"] = facts.Replied,
        ["Satisfaction"] = facts.Satisfaction?.ToString(),
    };

    private static CaseFacts FromRow(TableEntity row) => new(
        row.RowKey,
        row.GetString("UnitId"),
        row.GetString("Category"),
        row.GetDateTimeOffset("DispatchedAt"),
        row.GetDateTimeOffset("AcknowledgeDueAt"),
        row.GetDateTimeOffset("AcknowledgedAt"),
        row.GetDateTimeOffset("RespondDueAt"),
        row.GetDateTimeOffset("RespondedAt"),
        row.GetBoolean("Replied") ?? false,
        Enum.TryParse<Satisfaction>(row.GetString("Satisfaction"), out var satisfaction) ? satisfaction : null);
}
