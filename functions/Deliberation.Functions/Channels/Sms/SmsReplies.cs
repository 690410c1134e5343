using Azure;
using Azure.Data.Tables;
using Deliberation.Domain.Workflow;
using Deliberation.Storage;
using Deliberation.Storage.Cases;
using Deliberation.Storage.Notifications;

namespace Deliberation.Functions.Channels.Sms;

/// <summary>
/// Answers to a resident's keyword text on channels whose webhook answer cannot carry a text (ACS,
/// Aliyun), sent once per inbound message: a log row claims the answer before sending and marks it sent
/// after, so a provider's redelivery does not text the resident twice.
/// </summary>
public sealed class SmsReplies(StorageClients clients, ISmsSender sms, TimeProvider time)
{
    public const string Template = "sms-reply";

    /// <summary>Where answers that concern no single case are filed (the development outbox's partition).</summary>
    public const string NoCase = "sms-replies";

    private const string Partition = "sms-reply";
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(2);
    private readonly TableClient _log = clients.Table(clients.Names.NotificationLog);

    public async Task SendOnceAsync(string notificationId, string to, string text, string? caseId, CancellationToken cancellationToken)
    {
        var key = CaseRowsKey.For(notificationId);
        var now = time.GetUtcNow();
        try
        {
            await _log.AddEntityAsync(new TableEntity(Partition, key) { ["Status"] = "Sending", ["At"] = now }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var row = (await _log.GetEntityAsync<TableEntity>(Partition, key, cancellationToken: cancellationToken)).Value;
            if (row.GetString("Status") == "Sent")
            {
                return;
            }

            if (now - (row.GetDateTimeOffset("At") ?? now) < ClaimTimeout)
            {
                throw new InvalidOperationException($"Reply {notificationId} is being sent by another process; retry later.");
            }

            row["At"] = now;
            await _log.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
        }

        await sms.SendAsync(new OutboundText(notificationId, caseId ?? NoCase, Channel.Sms, to, text, Audience.Reporter, Template, null), cancellationToken);
        await _log.UpsertEntityAsync(new TableEntity(Partition, key) { ["Status"] = "Sent", ["At"] = time.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken);
    }
}
