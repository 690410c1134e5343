using Azure;
using Azure.Data.Tables;
using Deliberation.Domain.Privacy;
using Deliberation.Domain.Workflow;
using Microsoft.Extensions.Logging;

namespace Deliberation.Storage.Notifications;

/// <summary>A text as the development outbox keeps it: the recipient masked.</summary>
public sealed record DevOutboxEntry(string NotificationId, string CaseId, Channel Channel, string To, Audience Audience, string Template, string? UnitId, string Text, DateTimeOffset At);

/// <summary>
/// Without provider credentials (the local default) every text lands here instead of a provider: a table
/// row per notification and channel (so a repeat is stored once) and a console line without personal data.
/// </summary>
public sealed partial class DevelopmentOutbox(StorageClients clients, TimeProvider time, ILogger<DevelopmentOutbox> logger) : ISmsSender, IWeChatSender, IStaffNotifier
{
    private readonly TableClient _table = clients.Table(clients.Names.DevOutbox);

    public async Task SendAsync(OutboundText message, CancellationToken cancellationToken)
    {
        var to = message.Channel == Channel.WeChat ? Mask(message.To) : message.Audience == Audience.Reporter ? Redactor.MaskPhone(message.To) : message.To;
        try
        {
            await _table.AddEntityAsync(
                new TableEntity(message.CaseId, $"{message.NotificationId}|{message.Channel}")
                {
                    ["NotificationId"] = message.NotificationId,
                    ["Channel"] = message.Channel.ToString(),
                    ["To"] = to,
                    ["Audience"] = message.Audience.ToString(),
                    ["Template"] = message.Template,
                    ["UnitId"] = message.UnitId,
                    ["Text"] = message.Text,
                    ["At"] = time.GetUtcNow(),
                },
                cancellationToken);
            LogStored(logger, message.Channel, message.Audience, message.Template, message.CaseId);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Delivered before: once is enough.
        }
    }

    public async Task<IReadOnlyList<DevOutboxEntry>> ForCaseAsync(string caseId, CancellationToken cancellationToken) =>
        await QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {caseId}"), int.MaxValue, cancellationToken);

    public async Task<IReadOnlyList<DevOutboxEntry>> LatestAsync(int max, CancellationToken cancellationToken) =>
        (await QueryAsync(null, int.MaxValue, cancellationToken)).OrderByDescending(e => e.At).Take(max).ToList();

    private async Task<List<DevOutboxEntry>> QueryAsync(string? filter, int max, CancellationToken cancellationToken)
    {
        var items = new List<DevOutboxEntry>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            items.Add(new DevOutboxEntry(
                row.GetString("NotificationId") ?? row.RowKey,
                row.PartitionKey,
                Enum.TryParse<Channel>(row.GetString("Channel"), out var channel) ? channel : Channel.Sms,
                row.GetString("To") ?? "",
                Enum.TryParse<Audience>(row.GetString("Audience"), out var audience) ? audience : Audience.Reporter,
                row.GetString("Template") ?? "",
                row.GetString("UnitId"),
                row.GetString("Text") ?? "",
                row.GetDateTimeOffset("At") ?? default));
            if (items.Count >= max)
            {
                break;
            }
        }

        return items;
    }

    private static string Mask(string id) => id.Length <= 6 ? "****" : $"{id[..3]}****{id[^3..]}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Dev outbox: {Channel} {Template} for {Audience} of case {CaseId}")]
    private static partial void LogStored(ILogger logger, Channel channel, Audience audience, string template, string caseId);
}
