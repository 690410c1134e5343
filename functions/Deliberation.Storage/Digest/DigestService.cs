using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Directory;
using Deliberation.Storage.Notifications;
using Microsoft.Extensions.Logging;

namespace Deliberation.Storage.Digest;

/// <summary>What a digest run did: the recipients sent to (or sent before), and those whose send failed (to retry).</summary>
/// <summary>A digest run left recipients unsent; the run is to be retried.</summary>
public sealed class DigestIncompleteException(string message) : Exception(message);

public sealed record DigestRun(int Recipients, int Failed)
{
    public static DigestRun operator +(DigestRun a, DigestRun b) => new(a.Recipients + b.Recipients, a.Failed + b.Failed);
}

/// <summary>
/// Sends the followers' daily digest: one text per recipient per day, through the staff notifier, once only
/// (<see cref="SendOnceLog"/> keyed by the day and the recipient), so the job may run any number of times. One
/// recipient's failed send does not keep the digest from the others; the run reports it, and the next run retries it.
/// </summary>
public sealed partial class DigestService(DigestStore store, SendOnceLog log, IStaffNotifier staff, TownState town, ILogger<DigestService> logger)
{
    public const string Template = "daily-digest";

    /// <summary>Sends the digest of <paramref name="day"/> to every recipient with milestones that day.</summary>
    public async Task<DigestRun> SendAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var key = KeyOf(day);
        var recipients = await store.RecipientsAsync(day, cancellationToken);
        var failed = 0;
        foreach (var recipient in recipients)
        {
            try
            {
                // The recipient's rows are read once the send is claimed: a milestone written after that is carried
                // to the next day by the dispatcher (it sees the claim), one written before is in this text.
                await log.SendOnceAsync(key, recipient, () => SendOneAsync(day, key, recipient, cancellationToken), cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                failed++;
                LogRecipientFailed(logger, key, e.GetType().Name);
            }
        }

        LogDigestSent(logger, key, recipients.Count - failed, failed);
        return new DigestRun(recipients.Count, failed);
    }

    /// <summary>
    /// What the timer runs: the latest day whose digest is due, and the day before (a run the host missed is caught
    /// up; one already sent is skipped by the send log).
    /// </summary>
    /// <summary>
    /// One run of the daily digest's timer: sends what is due, and fails when a recipient's text failed, so the timer's
    /// retry policy runs it again (the send log skips those already sent).
    /// </summary>
    public async Task<DigestRun> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var run = await SendDueAsync(now, cancellationToken);
        return run.Failed > 0
            ? throw new DigestIncompleteException($"Daily digest: {run.Failed} of {run.Recipients} recipient(s) failed; to be retried.")
            : run;
    }

    public async Task<DigestRun> SendDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var latest = DailyDigest.LatestDueDay(now, town.Zone);
        return await SendAsync(latest.AddDays(-1), cancellationToken) + await SendAsync(latest, cancellationToken);
    }

    /// <summary>Where a day's digests are kept in the send log and the outbox (as their "case").</summary>
    public static string KeyOf(DateOnly day) => $"digest-{DailyDigest.PartitionOf(day)}";

    private async Task SendOneAsync(DateOnly day, string key, string recipient, CancellationToken cancellationToken)
    {
        var entries = await store.ForRecipientAsync(day, recipient, cancellationToken);
        if (DailyDigest.Compose(recipient, day, entries, town.Context.Directory.TownName) is { } text)
        {
            await staff.SendAsync(new OutboundText($"{key}-{recipient}", key, Channel.Sms, recipient, text, Audience.Followers, Template, null), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily digest {Day}: {Recipients} recipient(s) done, {Failed} failed")]
    private static partial void LogDigestSent(ILogger logger, string day, int recipients, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Daily digest {Day}: a recipient's send failed ({ErrorType}); the next run retries it")]
    private static partial void LogRecipientFailed(ILogger logger, string day, string errorType);
}
