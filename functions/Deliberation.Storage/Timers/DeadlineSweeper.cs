using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Deliberation.Storage.Timers;

/// <summary>
/// The housekeeping sweep: tidies public objections' code rows once their codes have expired, WeChat's used signed
/// URLs once their day is past and the shared rate limits' windows once they are over, and sends on the messages of meetings to their cases that a failure left behind. Case deadlines are not here: they are durable
/// timers of each case's orchestration. Safe to run in several processes at once: everything it does is idempotent.
/// </summary>
public sealed partial class DeadlineSweeper(
    StorageClients clients,
    Meetings.MeetingOutbox meetings,
    Residents.PendingObjections pendingObjections,
    Residents.WeChatNonces weChatNonces,
    RateLimits.RateLimitCounters rateLimits,
    TimeProvider time,
    IOptions<RuntimeOptions> options,
    ILogger<DeadlineSweeper> logger)
{
    private readonly TimerIndex _timers = new(clients.Timers);

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await _timers.DueAsync(now, options.Value.SweepBatch, cancellationToken);
        var fired = 0;
        foreach (var timer in due)
        {
            try
            {
                if (timer is { Kind: TimerRow.PendingObjectionKind, Subject: { } residentKey })
                {
                    await pendingObjections.TidyAsync(residentKey, timer.CaseId, now, cancellationToken);
                }

                await _timers.DeleteAsync(timer.PartitionKey, timer.RowKey, cancellationToken);
                fired++;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // One row in trouble must not hold up the others: it stays for the next sweep.
                LogTimerFailed(logger, timer.CaseId, timer.Kind, e.GetType().Name);
            }
        }

        try
        {
            await meetings.RecoverAsync(cancellationToken);
            await weChatNonces.TidyAsync(now, cancellationToken);
            await rateLimits.TidyAsync(now, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogMeetingsFailed(logger, e.GetType().Name);
        }

        return fired;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: {Kind} timer failed and stays for the next sweep: {ErrorType}")]
    private static partial void LogTimerFailed(ILogger logger, string caseId, string kind, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meeting outbox recovery failed and is tried again next sweep: {ErrorType}")]
    private static partial void LogMeetingsFailed(ILogger logger, string errorType);
}
