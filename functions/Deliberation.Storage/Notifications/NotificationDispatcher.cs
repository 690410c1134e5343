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
/// SMS, honouring 退订 for non-essential texts), staff through the staff notifier. Each text is sent once
/// per recipient (<see cref="SendOnceLog"/>), so a redelivered queue message does not text a resident twice.
/// </summary>
public sealed partial class NotificationDispatcher(
    StorageClients clients,
    SendOnceLog log,
    TownState town,
    ResidentDirectory residents,
    ISmsSender sms,
    IWeChatSender weChat,
    IStaffNotifier staff,
    ILogger<NotificationDispatcher> logger) : INotificationSender
{
    private readonly CaseStore _cases = new(clients.Cases);

    public async Task SendAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        var state = (await _cases.GetStateAsync(request.CaseId, cancellationToken))?.State;
        var template = NotificationText.ForAudience(request.Template, request.Audience);
        var rendered = NotificationText.Render(template, request.Data, state, town.Context.Directory, town.Zone);
        if (request.Audience == Audience.Reporter)
        {
            await SendToReporterAsync(request, rendered, cancellationToken);
            return;
        }

        var text = new OutboundText(request.Id, request.CaseId, Channel.Sms, request.Audience.ToString(), rendered.Text, request.Audience, request.Template, request.UnitId);
        await log.SendOnceAsync(request.CaseId, request.Id, () => staff.SendAsync(text, cancellationToken), cancellationToken);
    }

    /// <summary>Every resident who reported the case hears of it; a notice for one co-reporter goes to them alone.</summary>
    private async Task SendToReporterAsync(NotificationRequest request, RenderedText rendered, CancellationToken cancellationToken)
    {
        var recipients = new List<(string Key, Reporter Contact)>();
        if (await _cases.ReporterAsync(request.CaseId, cancellationToken) is { } first)
        {
            recipients.Add((first.PhoneHash ?? first.WeChatHash ?? "reporter", residents.Reveal(first)));
        }

        foreach (var co in await _cases.CoReportersAsync(request.CaseId, cancellationToken))
        {
            recipients.Add((co.Key, residents.Reveal(co.Contact)));
        }

        if (request.Data.TryGetValue("reporterKey", out var only))
        {
            recipients = recipients.Where(r => r.Key == only).ToList();
        }

        foreach (var (key, reporter) in recipients)
        {
            // One id per recipient, so a provider-side dedupe never swallows a co-reporter's copy.
            // Each recipient is sent once on their own, so a failure for one does not repeat the others on retry.
            var id = recipients.Count == 1 ? request.Id : $"{request.Id}-{key[..Math.Min(12, key.Length)]}";
            if (reporter.WeChatOpenId is { } openId)
            {
                var text = new OutboundText(id, request.CaseId, Channel.WeChat, openId, rendered.Text, request.Audience, request.Template, request.UnitId);
                await log.SendOnceAsync(request.CaseId, id, () => weChat.SendAsync(text, cancellationToken), cancellationToken);
            }
            else if (reporter.Phone is { } phone)
            {
                if (!rendered.Essential && await residents.IsSmsOptedOutAsync(phone, cancellationToken))
                {
                    LogOptedOut(logger, request.CaseId, request.Template);
                    continue;
                }

                var text = new OutboundText(id, request.CaseId, Channel.Sms, phone, rendered.Text, request.Audience, request.Template, request.UnitId);
                await log.SendOnceAsync(request.CaseId, id, () => sms.SendAsync(text, cancellationToken), cancellationToken);
            }
            else
            {
                LogNoContact(logger, request.CaseId, request.Template);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: {Template} not sent: the resident opted out of non-essential texts")]
    private static partial void LogOptedOut(ILogger logger, string caseId, string template);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: {Template} not sent: no readable contact for the reporter")]
    private static partial void LogNoContact(ILogger logger, string caseId, string template);
}
