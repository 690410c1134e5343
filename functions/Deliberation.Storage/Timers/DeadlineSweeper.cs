using Deliberation.Domain.Workflow;
using Deliberation.Storage.Cases;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Deliberation.Storage.Timers;

/// <summary>
/// The periodic sweep: fires every timer in the index that is due, whether or not its delayed queue
/// message arrived (the index is the truth, the message only the fast path), and sends outboxes
/// left behind by a crash (of cases, and of meetings' messages to their cases). Safe to run in
/// several processes at once: every firing is idempotent.
/// </summary>
public sealed partial class DeadlineSweeper(
    StorageClients clients,
    CaseRuntime runtime,
    Meetings.MeetingOutbox meetings,
    Residents.PendingObjections pendingObjections,
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
                await FireAsync(timer, now, cancellationToken);
                await _timers.DeleteAsync(timer.PartitionKey, timer.RowKey, cancellationToken);
                fired++;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // One case in trouble must not hold up every other deadline: it stays in the index for the next sweep.
                LogTimerFailed(logger, timer.CaseId, timer.Kind, e.GetType().Name, e.Message);
            }
        }

        try
        {
            await meetings.RecoverAsync(cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogMeetingsFailed(logger, e.GetType().Name, e.Message);
        }

        return fired;
    }

    private async Task FireAsync(TimerRow timer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (timer.IsOutboxCheck)
        {
            await runtime.FlushOutboxAsync(timer.CaseId, cancellationToken);
        }
        else if (timer is { Kind: TimerRow.PendingObjectionKind, Subject: { } residentKey })
        {
            await pendingObjections.TidyAsync(residentKey, timer.CaseId, now, cancellationToken);
        }
        else if (Enum.TryParse<DeadlineKind>(timer.Kind, out var kind))
        {
            var message = new DeadlineDue(DeadlineDue.IdFor(kind, timer.Phase), now, kind, timer.Phase, timer.DueAt);
            var result = await runtime.HandleAsync(timer.CaseId, message, cancellationToken);
            LogFired(logger, timer.CaseId, kind, timer.Phase, result.Outcome);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: {Kind} timer failed and stays for the next sweep: {ErrorType}: {Error}")]
    private static partial void LogTimerFailed(ILogger logger, string caseId, string kind, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meeting outbox recovery failed and is tried again next sweep: {ErrorType}: {Error}")]
    private static partial void LogMeetingsFailed(ILogger logger, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: {Kind} deadline of phase {Phase} fired by the sweep: {Outcome}")]
    private static partial void LogFired(ILogger logger, string caseId, DeadlineKind kind, int phase, CaseOutcome outcome);
}
