using Azure;
using Azure.Data.Tables;
using Deliberation.Domain.Privacy;
using Deliberation.Domain.Workflow;
using Microsoft.Extensions.Logging;

namespace Deliberation.Storage.Notifications;

/// <summary>A text as the development outbox keeps it: the recipient masked; <paramref name="Repeats"/> counts the times it was sent again.</summary>
public sealed record DevOutboxEntry(string NotificationId, string CaseId, Channel Channel, string To, Audience Audience, string Template, string? UnitId, string Text, DateTimeOffset At, int Repeats = 0);

/// <summary>
/// Without provider credentials (the local default) every text lands here instead of a provider: a table
/// row per notification and channel and a console line without personal data. A repeat of the same notification is
/// stored once and counted on its row (<c>Repeats</c>): for a real provider it would be a second text, which the
/// send-once log is there to prevent, so tests can see one.
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
            await CountRepeatAsync(message, cancellationToken);
        }
    }

    /// <summary>Adds one to the row's repeats, against its ETag (two repeats at once both count).</summary>
    private async Task CountRepeatAsync(OutboundText message, CancellationToken cancellationToken)
    {
        var key = $"{message.NotificationId}|{message.Channel}";
        while (true)
        {
            var row = (await _table.GetEntityAsync<TableEntity>(message.CaseId, key, cancellationToken: cancellationToken)).Value;
            row["Repeats"] = (row.GetInt32("Repeats") ?? 0) + 1;
            try
            {
                await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                LogRepeated(logger, message.Channel, message.Template, message.CaseId);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Another repeat counted first; count this one on top.
            }
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
                row.GetDateTimeOffset("At") ?? default,
                row.GetInt32("Repeats") ?? 0));
            if (items.Count >= max)
            {
                break;
            }
        }

        return items;
    }

    private static string Mask(string id) => id.Length <= 6 ? "****" : $"{id[..3]}****{id[^3..]}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dev outbox: {Channel} {Template} of case {CaseId} sent again (a provider would have sent a second text)")]
    private static partial void LogRepeated(ILogger logger, Channel channel, string template, string caseId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dev outbox: {Channel} {Template} for {Audience} of case {CaseId}")]
    private static partial void LogStored(ILogger logger, Channel channel, Audience audience, string template, string caseId);
}
