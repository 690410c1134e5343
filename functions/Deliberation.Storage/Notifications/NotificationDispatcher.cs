using Azure;
using Azure.Data.Tables;
using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Cases;
using Deliberation.Storage.Directory;
using Deliberation.Storage.Residents;
using Microsoft.Extensions.Logging;

namespace Deliberation.Storage.Notifications;

/// <summary>
/// Turns a workflow notice into texts: the reporter is reached on the channel they wrote from (WeChat or
/// SMS, honouring 退订 for non-essential texts), staff through the staff notifier. Each notification is
/// sent once: a log row claims it before sending and marks it sent after, so a redelivered queue
/// message does not text a resident twice.
/// </summary>
public sealed partial class NotificationDispatcher(
    StorageClients clients,
    TownState town,
    ResidentDirectory residents,
    ISmsSender sms,
    IWeChatSender weChat,
    IStaffNotifier staff,
    TimeProvider time,
    ILogger<NotificationDispatcher> logger) : INotificationSender
{
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(2);
    private readonly TableClient _log = clients.Table(clients.Names.NotificationLog);
    private readonly CaseStore _cases = new(clients.Cases);

    public async Task SendAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        if (!await ClaimAsync(request, cancellationToken))
        {
            return;
        }

        var state = (await _cases.GetStateAsync(request.CaseId, cancellationToken))?.State;
        var template = NotificationText.ForAudience(request.Template, request.Audience);
        var rendered = NotificationText.Render(template, request.Data, state, town.Context.Directory, town.Zone);
        if (request.Audience == Audience.Reporter)
        {
            await SendToReporterAsync(request, rendered, cancellationToken);
        }
        else
        {
            await staff.SendAsync(new OutboundText(request.Id, request.CaseId, Channel.Sms, request.Audience.ToString(), rendered.Text, request.Audience, request.Template, request.UnitId), cancellationToken);
        }

        await _log.UpsertEntityAsync(new TableEntity(request.CaseId, request.Id) { ["Status"] = "Sent", ["At"] = time.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken);
    }

    private async Task SendToReporterAsync(NotificationRequest request, RenderedText rendered, CancellationToken cancellationToken)
    {
        var stored = await _cases.ReporterAsync(request.CaseId, cancellationToken);
        var reporter = stored is null ? null : residents.Reveal(stored);
        if (reporter?.WeChatOpenId is { } openId)
        {
            await weChat.SendAsync(new OutboundText(request.Id, request.CaseId, Channel.WeChat, openId, rendered.Text, request.Audience, request.Template, request.UnitId), cancellationToken);
        }
        else if (reporter?.Phone is { } phone)
        {
            if (!rendered.Essential && await residents.IsSmsOptedOutAsync(phone, cancellationToken))
            {
                LogOptedOut(logger, request.CaseId, request.Template);
                return;
            }

            await sms.SendAsync(new OutboundText(request.Id, request.CaseId, Channel.Sms, phone, rendered.Text, request.Audience, request.Template, request.UnitId), cancellationToken);
        }
        else
        {
            LogNoContact(logger, request.CaseId, request.Template);
        }
    }

    /// <summary>False when this notification was sent before, or another process is sending it right now.</summary>
    private async Task<bool> ClaimAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            await _log.AddEntityAsync(new TableEntity(request.CaseId, request.Id) { ["Status"] = "Sending", ["At"] = now }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var row = (await _log.GetEntityAsync<TableEntity>(request.CaseId, request.Id, cancellationToken: cancellationToken)).Value;
            if (row.GetString("Status") == "Sent")
            {
                return false;
            }

            // A claim older than the timeout belongs to a process that died while sending: take it over.
            if (now - (row.GetDateTimeOffset("At") ?? now) < ClaimTimeout)
            {
                throw new InvalidOperationException($"Notification {request.Id} is being sent by another process; retry later.");
            }

            row["At"] = now;
            await _log.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: {Template} not sent: the resident opted out of non-essential texts")]
    private static partial void LogOptedOut(ILogger logger, string caseId, string template);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: {Template} not sent: no readable contact for the reporter")]
    private static partial void LogNoContact(ILogger logger, string caseId, string template);
}
