using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Directory;
using Deliberation.Storage.Notifications;
using Microsoft.Extensions.Logging;

namespace Deliberation.Storage.Digest;

/// <summary>
/// Sends the followers' daily digest: one text per recipient per day, through the staff notifier, once only
/// (<see cref="SendOnceLog"/> keyed by the day and the recipient), so the job may run any number of times.
/// </summary>
public sealed partial class DigestService(DigestStore store, SendOnceLog log, IStaffNotifier staff, TownState town, ILogger<DigestService> logger)
{
    public const string Template = "daily-digest";

    /// <summary>Sends the digest of <paramref name="day"/> to every recipient with milestones that day; the number of recipients.</summary>
    public async Task<int> SendAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var entries = await store.DayAsync(day, cancellationToken);
        var key = KeyOf(day);
        var recipients = entries.Select(e => e.Recipient).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var recipient in recipients)
        {
            if (DailyDigest.Compose(recipient, day, entries, town.Context.Directory.TownName) is not { } text)
            {
                continue;
            }

            var message = new OutboundText($"{key}-{recipient}", key, Channel.Sms, recipient, text, Audience.Followers, Template, null);
            await log.SendOnceAsync(key, recipient, () => staff.SendAsync(message, cancellationToken), cancellationToken);
        }

        LogDigestSent(logger, key, recipients.Count);
        return recipients.Count;
    }

    /// <summary>
    /// What the timer runs: the latest day whose digest is due, and the day before (a run the host missed is caught
    /// up; one already sent is skipped by the send log).
    /// </summary>
    public async Task<int> SendDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var latest = DailyDigest.LatestDueDay(now, town.Zone);
        return await SendAsync(latest.AddDays(-1), cancellationToken) + await SendAsync(latest, cancellationToken);
    }

    /// <summary>Where a day's digests are kept in the send log and the outbox (as their "case").</summary>
    public static string KeyOf(DateOnly day) => $"digest-{DailyDigest.PartitionOf(day)}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily digest {Day}: {Recipients} recipient(s)")]
    private static partial void LogDigestSent(ILogger logger, string day, int recipients);
}
