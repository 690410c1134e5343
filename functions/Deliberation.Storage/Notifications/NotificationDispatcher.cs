using Azure;
using Azure.Data.Tables;
using Deliberation.Domain.Notifications;
using Deliberation.Domain.Privacy;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Cases;
using Deliberation.Storage.Digest;
using Deliberation.Storage.Directory;
using Deliberation.Storage.Follows;
using Deliberation.Storage.Residents;
using Microsoft.Extensions.Logging;

namespace Deliberation.Storage.Notifications;

/// <summary>
/// Turns a workflow notice into texts: the reporter is reached on the channel they wrote from (WeChat or
/// SMS, honouring 退订 for non-essential texts), staff through the staff notifier, followers (the representatives
/// of the case's village and whoever follows it) each on their own, a unit head as <c>head:{unitId}</c>. Each text
/// is sent once per recipient (<see cref="SendOnceLog"/>), so a redelivered queue message does not text anyone
/// twice. Followers' milestones are not sent: they wait in the digest table for the daily digest.
/// </summary>
public sealed partial class NotificationDispatcher(
    StorageClients clients,
    SendOnceLog log,
    TownState town,
    ResidentDirectory residents,
    ISmsSender sms,
    IWeChatSender weChat,
    IStaffNotifier staff,
    FollowStore follows,
    DigestStore digest,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<WebOptions> web,
    ILogger<NotificationDispatcher> logger) : INotificationSender
{
    private readonly CaseStore _cases = new(clients.Cases);

    public async Task SendAsync(NotificationRequest request, Domain.Workflow.CaseState? state, CancellationToken cancellationToken)
    {
        state ??= (await _cases.GetStateAsync(request.CaseId, cancellationToken))?.State;
        if (request.Audience == Audience.Followers && request.Template == NotificationTemplates.Milestone)
        {
            await AddToDigestAsync(request, state, cancellationToken);
            return;
        }

        var template = NotificationText.ForAudience(request.Template, request.Audience);
        var rendered = NotificationText.Render(template, request.Data, state, town.Context.Directory, town.Zone, request.UnitId);
        switch (request.Audience)
        {
            case Audience.Reporter:
                await SendToReporterAsync(request, template, state, rendered, web.Value.CaseLink(request.CaseId), cancellationToken);
                return;

            case Audience.Followers:
                foreach (var follower in await FollowersAsync(request, state, cancellationToken))
                {
                    var id = $"{request.Id}-{follower}";
                    var notice = new OutboundText(id, request.CaseId, Channel.Sms, follower, rendered.Text, request.Audience, request.Template, request.UnitId);
                    await log.SendOnceAsync(request.CaseId, id, () => staff.SendAsync(notice, cancellationToken), cancellationToken);
                }

                return;
        }

        if (request.Audience == Audience.TownAlert && town.Context.Directory.FindUnit(town.Context.Directory.DispatchCentre)?.OnDuty is { } duty)
        {
            // The on-duty desk takes texts day and night: an alert (an emergency first of all) reaches a person at once.
            var alert = new OutboundText(request.Id, request.CaseId, Channel.Sms, duty.Phone, rendered.Text, request.Audience, request.Template, request.UnitId);
            await log.SendOnceAsync(request.CaseId, request.Id, () => sms.SendAsync(alert, cancellationToken), cancellationToken);
            return;
        }

        var to = request.Audience == Audience.UnitHead ? $"head:{request.UnitId ?? state?.UnitId}" : request.Audience.ToString();
        var text = new OutboundText(request.Id, request.CaseId, Channel.Sms, to, rendered.Text, request.Audience, request.Template, request.UnitId);
        await log.SendOnceAsync(request.CaseId, request.Id, () => staff.SendAsync(text, cancellationToken), cancellationToken);
    }

    /// <summary>The representatives whose constituency holds the case's village, and everyone who follows it, each once.</summary>
    private async Task<IReadOnlyList<string>> FollowersAsync(NotificationRequest request, Domain.Workflow.CaseState? state, CancellationToken cancellationToken)
    {
        var village = state?.Village ?? request.Data.GetValueOrDefault("village");
        var representatives = village is null ? [] : town.Context.Directory.RepresentativesOf(village).Select(r => FollowerKey.Representative(r.Id));
        var explicitFollowers = await follows.FollowersOfAsync(request.CaseId, cancellationToken);
        return representatives.Concat(explicitFollowers).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>A row per follower in the day's digest partition; an upsert, so a redelivered notice changes nothing.</summary>
    private async Task AddToDigestAsync(NotificationRequest request, Domain.Workflow.CaseState? state, CancellationToken cancellationToken)
    {
        var milestone = request.Data.GetValueOrDefault("milestone") ?? "";
        var status = Enum.TryParse<CaseStatus>(request.Data.GetValueOrDefault("status"), out var s) ? s : state?.Status;
        var unit = request.Data.GetValueOrDefault("unitId") ?? request.UnitId;

        // The day comes from when the notice was made, not when it is handled, so a late retry lands on the same row.
        // A notice made before 18:00 but handled after that day's digest went out (a queue backlog, a retry) would
        // sit in a digest already sent: it is carried to the next day whose digest has not gone out yet.
        var day = DailyDigest.DayOf(request.CreatedAt, town.Zone);
        var followers = await FollowersAsync(request, state, cancellationToken);

        // A run reads its own day and the day before; a day older than that is never read again (a backlog of days).
        var now = time.GetUtcNow();
        var oldestStillRead = DailyDigest.LatestDueDay(now, town.Zone);
        foreach (var follower in followers)
        {
            var entry = new DigestEntry(follower, request.CaseId, milestone, status, unit, request.CreatedAt);
            for (var carried = day; ; carried = carried.AddDays(1))
            {
                await digest.AddAsync(carried, entry, request.Id, cancellationToken);

                // Checked after the row is written: a digest that starts sending later reads the row; one that
                // started before may have missed it, so the next day carries it too (at least once, never lost).
                // Well before the day's send time (a minute's margin for clocks of other instances) no digest of it
                // has started, so the common case reads nothing more.
                if (carried >= oldestStillRead
                    && (now < DailyDigest.SendTimeOf(carried, town.Zone) - TimeSpan.FromMinutes(1) || !await log.IsClaimedAsync(DigestService.KeyOf(carried), follower, cancellationToken)))
                {
                    break;
                }

                LogCarried(logger, request.CaseId, carried);
            }
        }

        LogDigested(logger, request.CaseId, milestone, followers.Count);
    }

    /// <summary>
    /// Every resident who reported the case hears of it; a notice for one co-reporter goes to them alone. A reply is
    /// written to the resident who reported: anyone else who reported the same matter gets it as the public reads it
    /// (numbers, house numbers and the names any of the case's residents gave redacted).
    /// </summary>
    private async Task SendToReporterAsync(NotificationRequest request, string template, Domain.Workflow.CaseState? state, RenderedText asWritten, string caseLink, CancellationToken cancellationToken)
    {
        var (stored, coReporters) = await _cases.ReportersAsync(request.CaseId, cancellationToken);
        var toFirst = NotificationText.WithCaseLink(template, asWritten, caseLink);
        var toOthers = state?.Reply is { } reply
            ? NotificationText.WithCaseLink(template, NotificationText.Render(template, request.Data, state with { Reply = Redactor.Redact(reply, CaseStore.ReporterNames(state, coReporters)) }, town.Context.Directory, town.Zone, request.UnitId), caseLink)
            : toFirst;

        var recipients = new List<(string Key, Reporter Contact, RenderedText Rendered)>();
        if (stored is { } first)
        {
            recipients.Add((first.PhoneHash ?? first.WeChatHash ?? "reporter", residents.Reveal(first), toFirst));
        }

        foreach (var co in coReporters)
        {
            recipients.Add((co.Key, residents.Reveal(co.Contact), toOthers));
        }

        if (request.Data.TryGetValue("reporterKey", out var only))
        {
            recipients = recipients.Where(r => r.Key == only).ToList();
        }

        foreach (var (key, reporter, rendered) in recipients)
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: milestone {Milestone} kept for the digest of {Followers} follower(s)")]
    private static partial void LogDigested(ILogger logger, string caseId, string milestone, int followers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: {Template} not sent: the resident opted out of non-essential texts")]
    private static partial void LogOptedOut(ILogger logger, string caseId, string template);

    [LoggerMessage(Level = LogLevel.Information, Message = "Milestone of case {CaseId} came after the digest of {Day} went out: carried to the next day")]
    private static partial void LogCarried(ILogger logger, string caseId, DateOnly day);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: {Template} not sent: no readable contact for the reporter")]
    private static partial void LogNoContact(ILogger logger, string caseId, string template);
}
